"""Tools around the product (benchmarks, load generators); not imported by it."""
