"""Hypothesis fuzzing of every RPC: strategies from the protos' descriptors
(`messages`) and the test that sends them to the four services (`test_every_rpc`)."""
