"""Reference colourings for the benchmark (bench/run.ts): networkx's greedy_color with the DSATUR
and largest-first strategies, on a DIMACS .col file. Prints one JSON line:
{"colours": int, "times_ms": [...], "peak_kb": int}. Times cover the colouring only (not Python's
start-up nor reading the file), like dyplan's in-process figures.

    /usr/bin/python3 bench/reference/networkx_colouring.py FILE.col STRATEGY RUNS
"""
import json
import resource
import sys
import time

import networkx as nx


def read_col(path):
    graph = nx.Graph()
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "p":
                graph.add_nodes_from(range(1, int(parts[2]) + 1))
            elif parts[0] == "e":
                graph.add_edge(int(parts[1]), int(parts[2]))
    return graph


def main():
    path, strategy, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    graph = read_col(path)
    times = []
    colours = 0
    for _ in range(runs):
        start = time.perf_counter()
        colouring = nx.coloring.greedy_color(graph, strategy=strategy)
        times.append((time.perf_counter() - start) * 1000)
        colours = len(set(colouring.values())) if colouring else 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"colours": colours, "times_ms": times, "peak_kb": peak}))


main()
