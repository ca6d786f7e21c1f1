"""The chaos run: `python -m tests.chaos` (`make test-chaos`); see `__main__`."""
