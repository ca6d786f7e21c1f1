from common.migrate import run_migrations
from services.payments.store import Base

run_migrations(Base.metadata)
