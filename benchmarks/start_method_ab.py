"""A/B of one checkout (e.g. a copy whose ``worker_pool`` returns a spawned ``ProcessPoolExecutor`` against the fork server): CPU (user+sys, every process of the run), peak sum of RSS and of PSS over the run's processes,
and wall time from start to the first analysed document. Usage: start_method_ab.py CHECKOUT CORPUS OUTDIR"""

import ctypes
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

checkout, corpus, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
shutil.rmtree(out, ignore_errors=True)
out.mkdir(parents=True)
ctypes.CDLL("libc.so.6").prctl(36, 1, 0, 0, 0)  # child subreaper: orphaned workers/server are reaped here
code = f"""
import sys, time, json
t0 = float(sys.argv[1]); first = []
from lagebild.analyze import analyze_paths
from lagebild.store import open_store
from lagebild.export import build_export
store = open_store({str(out / "lb.db")!r})
analyze_paths([{corpus!r}], store, jobs=2, progress=lambda d: first or first.append(time.time() - t0))
json.dump(build_export(store), open({str(out / "export.json")!r}, 'w'), sort_keys=True)
print(json.dumps({{"first_doc_s": first[0], "total_s": time.time() - t0}}))
"""


def tree(pid):
    kids = {}
    for e in os.listdir("/proc"):
        if e.isdigit():
            try:
                ppid = int(Path(f"/proc/{e}/stat").read_bytes().rsplit(b")", 1)[1].split()[1])
            except OSError:
                continue
            kids.setdefault(ppid, []).append(int(e))
    found, todo = [pid], [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            found.append(k)
            todo.append(k)
    return found


peak = {"rss": 0, "pss": 0, "procs": 0}


def sample(pid, stop):
    me = os.getpid()
    while not stop.is_set():
        rss = pss = 0
        n = 0
        for p in set(tree(pid)) | set(tree(me)) - {me}:
            try:
                for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
                n += 1
            except OSError:
                pass
        peak["rss"] = max(peak["rss"], rss)
        peak["pss"] = max(peak["pss"], pss)
        peak["procs"] = max(peak["procs"], n)
        time.sleep(0.2)


env = dict(os.environ, PYTHONPATH=checkout)
t0 = time.time()
proc = subprocess.Popen([sys.executable, "-c", code, str(t0)], env=env, stdout=subprocess.PIPE, cwd=checkout)
stop = threading.Event()
th = threading.Thread(target=sample, args=(proc.pid, stop))
th.start()
stdout, _ = proc.communicate()
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
stop.set()
th.join()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
res = json.loads(stdout.decode().strip().splitlines()[-1])
res.update(
    cpu_s=round(ru.ru_utime + ru.ru_stime, 1),
    peak_sum_rss_mb=peak["rss"] // 1024,
    peak_sum_pss_mb=peak["pss"] // 1024,
    max_procs=peak["procs"],
    load=os.getloadavg()[0],
)
print(json.dumps(res))
