"""`python -m services.payments`: serve PaymentsService until SIGINT or SIGTERM."""

from common.process import run_service
from services.payments.servicer import SERVICE_NAME, PaymentsServicer

if __name__ == "__main__":
    run_service("payments", PaymentsServicer, SERVICE_NAME)
