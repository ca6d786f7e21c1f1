"""The eligibility engine: effective-dated rules as data, and small rule functions that
turn a household into a determination that explains itself line by line.

No gRPC and no SQL here, so it is tested and benchmarked without a server.
"""
