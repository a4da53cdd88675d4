"""Parses a Prometheus text-format scrape (stdin) with Debian's prometheus_client parser, which raises on any
malformed line, and prints each sample as: name<TAB>label=value,label=value (sorted)<TAB>value."""
import sys
from prometheus_client.parser import text_string_to_metric_families

for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
        print(f"{sample.name}\t{labels}\t{sample.value!r}")
