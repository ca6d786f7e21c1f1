"""`python -m services.referrals`: serve ReferralsService until SIGINT or SIGTERM."""

from common.process import run_service
from services.referrals.servicer import SERVICE_NAME, ReferralsServicer

if __name__ == "__main__":
    run_service("referrals", ReferralsServicer, SERVICE_NAME)
