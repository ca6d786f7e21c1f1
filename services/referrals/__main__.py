"""`python -m services.referrals`: serve ReferralsService until SIGINT or SIGTERM."""

from common.process import run
from services.referrals.servicer import build

if __name__ == "__main__":
    run("referrals", build)
