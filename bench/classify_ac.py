# classify_ac.py - the python3-ahocorasick baseline of bench/classify.sh: every occurrence of
# every keyword (overlapping ones included) in every line of the text, counted.
# usage: /usr/bin/python3 bench/classify_ac.py KEYWORDS TEXT  -> "count seconds cpu_seconds"
import sys
import time

import ahocorasick


def main():
    kw_path, text_path = sys.argv[1], sys.argv[2]
    automaton = ahocorasick.Automaton()
    with open(kw_path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            word = line.rstrip("\n")
            if word:
                automaton.add_word(word, i)
    automaton.make_automaton()
    start, cpu = time.perf_counter(), time.process_time()
    n = 0
    with open(text_path, encoding="utf-8") as f:
        for line in f:
            for _ in automaton.iter(line):
                n += 1
    print(n, f"{time.perf_counter() - start:.3f}", f"{time.process_time() - cpu:.3f}")


main()
