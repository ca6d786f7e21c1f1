"""`python -m services.payments`: serve PaymentsService until SIGINT or SIGTERM."""

from common.process import run
from services.payments.servicer import build

if __name__ == "__main__":
    run("payments", build)
