"""Activities: one class per service, each holding that service's gRPC stub. Protobuf
types stop here; the workflow only ever sees the dataclasses in workflows.inputs and
the Input/Result classes beside each activity."""
