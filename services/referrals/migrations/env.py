from common.migrate import run_migrations
from services.referrals.store import Base

run_migrations(Base.metadata)
