"""`python -m services.eligibility`: serve EligibilityService until SIGINT or SIGTERM."""

from common.process import run
from services.eligibility.servicer import build

if __name__ == "__main__":
    run("eligibility", build)
