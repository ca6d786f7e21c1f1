"""`python -m services.intake`: serve IntakeService and CaseRecordsService on one port
until SIGINT or SIGTERM."""

from common.process import run
from services.intake.servicer import build

if __name__ == "__main__":
    run("intake", build)
