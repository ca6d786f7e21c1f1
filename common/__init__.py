"""What every Casework process shares: settings, the gRPC server, the database, errors,
money and telemetry."""
