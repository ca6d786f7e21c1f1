from common.migrate import run_migrations
from services.eligibility.store import Base

run_migrations(Base.metadata)
