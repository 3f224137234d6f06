"""Measuring tools: build benchmarks against stock Material (`make bench`) and Lighthouse audits (`make audit`)."""
