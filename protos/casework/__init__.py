"""Casework's protobuf contracts; the generated code sits beside each .proto file."""
