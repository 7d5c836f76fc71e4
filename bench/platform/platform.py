#!/usr/bin/env python3
"""Helpers of bench/platform/run.sh (Python stdlib only). Subcommands:

  drops     --data DIR --out DIR           one OneRoster CSV drop per district from gen.py's per-school directories,
                                           plus DIR/expected.json (row counts per district and file)
  sis-tables --drops DIR --out DIR         the drops' rows as our canonical SIS schema's tables, one CSV per table
                                           (for psql's \copy; the JDBC source, run.sh --source jdbc)
  smtp-sink --port P --dir DIR --max-seconds S   a throwaway SMTP server on 127.0.0.1 that keeps every mail as a file
  snapshot  --pids FILE                     CPU ticks of the machine and of every process in FILE, now (JSON on stdout)
  measure   --work DIR ...                  the timed phases against the running platform (see run.sh); JSON result
  summary   --product FILE --floor FILE     the one-line comparison with the floor

Every wait is bounded and says what was missing when it gives up.
"""
import argparse, csv, io, json, os, random, re, socketserver, subprocess, sys, threading, time, urllib.request

FILES = ["orgs", "academicSessions", "courses", "classes", "users", "enrollments"]
HZ = os.sysconf("SC_CLK_TCK")


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- drops -------------------------------------------------------------------------------------------------------
def district_of(orgs_path):
    with open(orgs_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["type"] == "school":
                return row["parentSourcedId"]
    raise SystemExit(f"no school row in {orgs_path}")


def cmd_drops(a):
    """Merges each district's school directories into one drop folder: every file once, with its header once, rows
    of the district's schools one after another (school order), the district org once. gen.py gives every user one
    school (ids carry the school id), so no user row is repeated; a repeated sourcedId would be dropped here."""
    schools = sorted(d for d in os.listdir(a.data) if os.path.isfile(os.path.join(a.data, d, "orgs.csv")))
    by_district = {}
    for sid in schools:
        by_district.setdefault(district_of(os.path.join(a.data, sid, "orgs.csv")), []).append(sid)
    expected = {}
    for did, sids in sorted(by_district.items()):
        out = os.path.join(a.out, did)
        os.makedirs(out, exist_ok=True)
        counts, repeated = {}, 0
        for name in FILES:
            seen, header, rows = set(), None, []
            for sid in sids:
                with open(os.path.join(a.data, sid, f"{name}.csv"), "rb") as f:
                    lines = f.read().split(b"\r\n")
                if lines and lines[-1] == b"":
                    lines.pop()
                header = header or lines[0]
                assert header == lines[0], f"{sid}/{name}.csv has another header"
                for line in lines[1:]:
                    # sourcedId is the first column and never quoted in gen.py's output (ids are [a-z0-9-]).
                    key = line.split(b",", 1)[0]
                    if key in seen:
                        repeated += name != "orgs"
                        continue
                    seen.add(key)
                    rows.append(line)
            with open(os.path.join(out, f"{name}.csv"), "wb") as f:
                f.write(b"\r\n".join([header] + rows) + b"\r\n")
            counts[name] = len(rows)
        with open(os.path.join(a.data, sids[0], "manifest.csv"), "rb") as src, \
                open(os.path.join(out, "manifest.csv"), "wb") as dst:
            dst.write(src.read())
        if repeated:
            raise SystemExit(f"district {did}: {repeated} rows repeated across schools; the drop cannot hold them twice")
        expected[did] = {"schools": sids, "rows": counts}
    with open(os.path.join(a.data, "totals.json")) as f:
        totals = json.loads(f.read())
    users = sum(d["rows"]["users"] for d in expected.values())
    enrollments = sum(d["rows"]["enrollments"] for d in expected.values())
    if (users, enrollments) != (totals["users"], totals["enrollments"]):
        raise SystemExit(f"drops hold {users} users / {enrollments} enrollments, totals.json says "
                         f"{totals['users']} / {totals['enrollments']}")
    with open(os.path.join(a.out, "expected.json"), "w") as f:
        json.dump({"totals": totals, "districts": expected}, f, indent=1)
    log(f"{len(expected)} district drops, {users} users, {enrollments} enrollments")


# --- the same data as an SIS database (--source jdbc) ------------------------------------------------------------
TERM_TYPES = {"schoolYear": "SCHOOL_YEAR", "semester": "SEMESTER", "term": "TERM", "gradingPeriod": "GRADING_PERIOD"}
SIS_TABLES = {
    "schools": ["school_id", "name", "identifier", "district_id", "district_name"],
    "terms": ["term_id", "school_id", "title", "term_type", "start_date", "end_date", "parent_term_id", "school_year"],
    "courses": ["course_id", "school_id", "school_year_term_id", "title", "course_code", "grades", "subjects",
                "subject_codes"],
    "sections": ["section_id", "school_id", "course_id", "term_ids", "title", "class_code", "class_type", "location",
                 "grades", "subjects", "subject_codes", "schedule_type"],
    "people": ["person_id", "role", "username", "enabled", "given_name", "family_name", "middle_name", "identifier",
               "email", "sms", "phone", "grades", "sis_user_id"],
    "person_schools": ["person_id", "school_id"],
    "enrollments": ["enrollment_id", "section_id", "person_id", "role", "is_primary", "begin_date", "end_date"],
}


def sis_rows(drop, name):
    with open(os.path.join(drop, f"{name}.csv"), newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def cmd_sis_tables(a):
    """The drops' rows in our canonical schema (roster-extractor/src/main/resources/sis/schema.sql). gen.py's
    session ids start with their school's id (academicSessions.csv has no org column). Sections get no meetings
    (gen.py's periods are plain numbers), so classes.csv's periods stay empty on this path; users and enrollments,
    which the benchmark checks, are the same rows as the drops'."""
    os.makedirs(a.out, exist_ok=True)
    files = {t: open(os.path.join(a.out, f"{t}.csv"), "w", newline="", encoding="utf-8") for t in SIS_TABLES}
    out = {t: csv.writer(f, lineterminator="\n") for t, f in files.items()}
    for t, cols in SIS_TABLES.items():
        out[t].writerow(cols)
    with open(os.path.join(a.drops, "expected.json")) as f:
        districts = json.load(f)["districts"]
    for did in sorted(districts):
        drop = os.path.join(a.drops, did)
        orgs = list(sis_rows(drop, "orgs"))
        names = {o["sourcedId"]: o["name"] for o in orgs}
        for o in orgs:
            if o["type"] == "school":
                parent = o["parentSourcedId"]
                out["schools"].writerow([o["sourcedId"], o["name"], o["identifier"], parent, names.get(parent, "")])
        for r in sis_rows(drop, "academicSessions"):
            out["terms"].writerow([r["sourcedId"], r["sourcedId"].split("-", 1)[0], r["title"], TERM_TYPES[r["type"]],
                                   r["startDate"], r["endDate"], r["parentSourcedId"], r["schoolYear"]])
        for r in sis_rows(drop, "courses"):
            out["courses"].writerow([r["sourcedId"], r["orgSourcedId"], r["schoolYearSourcedId"], r["title"],
                                     r["courseCode"], r["grades"], r["subjects"], r["subjectCodes"]])
        for r in sis_rows(drop, "classes"):
            out["sections"].writerow([r["sourcedId"], r["schoolSourcedId"], r["courseSourcedId"], r["termSourcedIds"],
                                      r["title"], r["classCode"], r["classType"].upper(), r["location"], r["grades"],
                                      r["subjects"], r["subjectCodes"], "SIMPLE"])
        for r in sis_rows(drop, "users"):
            sis_id = re.search(r"SIS:([^,}]+)", r["userIds"] or "")
            out["people"].writerow([r["sourcedId"], r["role"].upper(), r["username"], r["enabledUser"] or "true",
                                    r["givenName"], r["familyName"], r["middleName"], r["identifier"], r["email"],
                                    r["sms"], r["phone"], r["grades"], sis_id.group(1) if sis_id else ""])
            for school in filter(None, r["orgSourcedIds"].split(",")):
                out["person_schools"].writerow([r["sourcedId"], school])
        for r in sis_rows(drop, "enrollments"):
            out["enrollments"].writerow([r["sourcedId"], r["classSourcedId"], r["userSourcedId"], r["role"].upper(),
                                         r["primary"], r["beginDate"], r["endDate"]])
    for f in files.values():
        f.close()
    log(f"SIS tables for {len(districts)} districts in {a.out}")


class Sis:
    """The SIS database as the changes' target (--source jdbc): the same renames as Drops, committed with psql in one
    transaction per district (the SIS's triggers stamp updated_at, so an incremental read finds them)."""

    def __init__(self, drops, psql):
        self.drops, self.psql = drops, psql
        self.pending = {}
        self.id_col = drops.users[next(iter(drops.users))][0].index("sourcedId")

    def user_rows(self, did, school=None):
        return self.drops.user_rows(did, school)

    def rename(self, did, row_index, value):
        self.drops.rename(did, row_index, value)
        self.pending.setdefault(did, []).append((self.drops.users[did][row_index][self.id_col], value))

    def prepare(self, did):
        pass  # the SIS's update is one statement, made at commit

    def write(self, did):
        self.commit(did)

    def commit(self, did):
        values = ", ".join(f"('{pid}', '{name}')" for pid, name in self.pending.pop(did, []))
        if values:
            sql = ("update people set family_name = v.name from (values " + values
                   + ") as v (id, name) where people.person_id = v.id")
            subprocess.run(self.psql + ["-c", sql], check=True, stdout=subprocess.DEVNULL)


# --- smtp sink ---------------------------------------------------------------------------------------------------
class SmtpHandler(socketserver.StreamRequestHandler):
    timeout = 30

    def handle(self):
        out = self.server.mail_dir
        self.wfile.write(b"220 bench-smtp ready\r\n")
        data, in_data = [], False
        while True:
            line = self.rfile.readline(1 << 20)
            if not line:
                return
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    with self.server.lock:
                        self.server.count += 1
                        n = self.server.count
                    with open(os.path.join(out, f"{n}.eml"), "wb") as f:
                        f.write(b"".join(data))
                    data = []
                    self.wfile.write(b"250 kept\r\n")
                else:
                    data.append(line[1:] if line.startswith(b"..") else line)
                continue
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 bench-smtp\r\n")
            elif verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def cmd_smtp_sink(a):
    os.makedirs(a.dir, exist_ok=True)
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", a.port), SmtpHandler)
    server.daemon_threads = True
    server.mail_dir, server.count, server.lock = a.dir, 0, threading.Lock()
    threading.Timer(a.max_seconds, server.shutdown).start()  # stops by itself
    server.serve_forever()


# --- process figures ---------------------------------------------------------------------------------------------
def proc_stat(pid):
    """(ppid, utime+stime, cutime+cstime) in ticks; None once the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def process_table():
    """Every process's (ppid, own ticks, reaped children's ticks), and each one's children: read once per snapshot."""
    stats, kids = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = proc_stat(int(entry))
            if st is not None:
                stats[int(entry)] = st
                kids.setdefault(st[0], []).append(int(entry))
    return stats, kids


def proc_ticks(pid, table):
    """utime+stime of the process and of its children, reaped or still running (e.g. sshd's sessions, which stay open
    between uploads), in ticks; None once the process is gone."""
    stats, kids = table
    if pid not in stats:
        return None
    # A running descendant's CPU reaches its parent's cutime only when it is reaped: counted here until then.
    total, todo = stats[pid][1] + stats[pid][2], list(kids.get(pid, []))
    while todo:
        p = todo.pop()
        total += stats[p][1] + stats[p][2]
        todo.extend(kids.get(p, []))
    return total


def machine_ticks():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return v[0] + v[1] + v[2] + v[5] + v[6]  # user nice system irq softirq, as floor.sh counts


def hwm_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except FileNotFoundError:
        return None


def read_pids(path):
    pids = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                name, pid = line.split()
                pids[name] = int(pid)
    return pids


def snapshot(pids):
    table = process_table()
    return {"t": time.time(), "machine": machine_ticks(), "procs": {n: proc_ticks(p, table) for n, p in pids.items()}}


def cpu_between(s0, s1):
    out = {n: round((s1["procs"][n] - (s0["procs"].get(n) or 0)) / HZ, 2)
           for n in s1["procs"] if s1["procs"][n] is not None}
    return {"wall_s": round(s1["t"] - s0["t"], 2), "machine_cpu_s": round((s1["machine"] - s0["machine"]) / HZ, 2),
            "process_cpu_s": out, "processes_cpu_s": round(sum(v for n, v in out.items() if n != "smtp"), 2)}


def thread_cpu(pids):
    """CPU seconds of each process's threads so far, summed by thread name with digits folded (GC Thread#0 and #1
    count as one): the profile of where each service spends its CPU (JIT, GC, RocksDB compaction, our threads)."""
    out = {}
    for name, pid in pids.items():
        by = {}
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                with open(f"/proc/{pid}/task/{t}/stat") as f:
                    st = f.read()
            except OSError:
                continue
            thread = re.sub(r"\d+", "N", st[st.index("(") + 1:st.rindex(")")])
            fields = st[st.rindex(")") + 2:].split()
            by[thread] = by.get(thread, 0) + (int(fields[11]) + int(fields[12])) / HZ
        out[name] = by
    return out


def thread_cpu_between(t0, t1, top=8, digits=1):
    """The busiest thread groups of each process between two thread_cpu() readings (threads that ended are lost)."""
    out = {}
    for name, by in t1.items():
        before = t0.get(name, {})
        diff = {k: round(v - before.get(k, 0), digits) for k, v in by.items()}
        out[name] = dict(sorted(((k, v) for k, v in diff.items() if v > 0), key=lambda kv: -kv[1])[:top])
    return out


def cmd_snapshot(a):
    print(json.dumps(snapshot(read_pids(a.pids))))


# --- the destinations --------------------------------------------------------------------------------------------
class Destinations:
    """The SFTP side as files: /home-like folder per account with oneroster11/*.csv. Reads a file again only when its
    (inode, size, mtime) changed, so polling 100 destinations stays cheap."""

    def __init__(self, expected, sftp_root, users):
        self.expected = expected
        self.dir = {did: os.path.join(sftp_root, users[did], "oneroster11") for did in expected}
        self.cache, self.counts = {}, {}

    def read(self, did, name):
        path = os.path.join(self.dir[did], f"{name}.csv")
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        hit = self.cache.get(path)
        if hit and hit[0] == key:
            return hit[1]
        with open(path, "rb") as f:
            data = f.read()
        self.cache[path] = (key, data)
        return data

    def rows(self, did, name):
        """Rows of a file (gen.py's values hold no line breaks); only the count is kept, not the bytes."""
        path = os.path.join(self.dir[did], f"{name}.csv")
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        hit = self.counts.get(path)
        if hit and hit[0] == key:
            return hit[1]
        with open(path, "rb") as f:
            n = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1
        self.counts[path] = (key, n)
        return n

    def incomplete(self):
        """{district: what is missing} for every destination whose users/enrollments are not all there yet."""
        missing = {}
        for did, exp in self.expected.items():
            if self.read(did, "manifest") is None:
                missing[did] = "no manifest.csv yet"
                continue
            for name in ("users", "enrollments"):
                got, want = self.rows(did, name), exp["rows"][name]
                if got != want:
                    missing[did] = f"{name}.csv has {got} rows, expected {want}"
                    break
        return missing

    def all_counts(self):
        return {did: {n: self.rows(did, n) for n in FILES} for did in self.expected}


# --- drop edits ----------------------------------------------------------------------------------------------------
class Drops:
    """The district drops; a change rewrites the district's users.csv beside the drop and renames it into place, so
    the extractor never reads a half-written file."""

    def __init__(self, root, expected):
        self.root, self.expected = root, expected
        self.users = {}
        for did in expected:
            with open(os.path.join(root, did, "users.csv"), "rb") as f:
                data = f.read().decode("utf-8")
            rows = list(csv.reader(io.StringIO(data, newline="")))
            self.users[did] = rows
        self.fam = self.users[next(iter(expected))][0].index("familyName")

    def rename(self, did, row_index, value):
        self.users[did][row_index][self.fam] = value

    def write(self, did):
        self.prepare(did)
        self.commit(did)

    def prepare(self, did):
        """Writes the district's new users.csv beside the drop, not yet in it: what the SIS does before its drop."""
        buf = io.StringIO(newline="")
        csv.writer(buf).writerows(self.users[did])  # RFC 4180, CRLF, like gen.py
        with open(self._pending(did), "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())

    def commit(self, did):
        """The drop: the prepared file renamed into place, the moment the change exists for the extractor."""
        os.replace(self._pending(did), os.path.join(self.root, did, "users.csv"))

    def _pending(self, did):
        return os.path.join(self.root, f".{did}.users.csv.tmp")  # beside the drop folders, not inside one

    def user_rows(self, did, school=None):
        """Indexes of the district's user rows (1-based, after the header), optionally of one school."""
        rows = self.users[did]
        col = rows[0].index("orgSourcedIds")
        return [i for i in range(1, len(rows)) if school is None or rows[i][col] == school]


# --- uploads: the publisher's log and counters, and the files themselves ----------------------------------------
# (OpenSSH's internal-sftp logs file operations only to syslog, which this machine does not run, so the uploads are
# counted from the publisher's log line per upload and cross-checked against its Prometheus counters.)
PUBLISHED = re.compile(r"Publish to destination (\S+) of tenant (\S+): ([A-Z_]+)")


def log_offset(path):
    try:
        return os.path.getsize(path)
    except FileNotFoundError:
        return 0


def publisher_outcomes(path, start, end=None):
    """{destination: {reason: count}} from the publisher's log between two byte offsets."""
    out = {}
    with open(path, "rb") as f:
        f.seek(start)
        text = f.read(-1 if end is None else max(0, end - start)).decode("utf-8", "replace")
    for m in PUBLISHED.finditer(text):
        by = out.setdefault(m.group(1), {})
        by[m.group(3)] = by.get(m.group(3), 0) + 1
    return out


def uploads_per_destination(outcomes, destinations):
    return {d: outcomes.get(d, {}).get("UPLOADED", 0) for d in destinations}


def publisher_counters(port):
    """(uploads with reason UPLOADED, bytes uploaded) from the publisher's /actuator/prometheus, or (None, None)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=5) as r:
            text = r.read().decode()
    except Exception:
        return None, None
    uploads = bytes_ = 0.0
    for line in text.splitlines():
        if line.startswith("rostersync_publisher_uploads_total{") and 'reason="UPLOADED"' in line:
            uploads += float(line.rsplit(" ", 1)[1])
        elif line.startswith("rostersync_publisher_upload_bytes_sum"):
            bytes_ += float(line.rsplit(" ", 1)[1])
    return int(uploads), int(bytes_)


def files_state(root):
    """(inode, size, mtime) of every file under the SFTP homes: a file written or replaced since shows up as changed."""
    state = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            try:
                st = os.stat(p)
                state[p] = (st.st_ino, st.st_size, st.st_mtime_ns)
            except FileNotFoundError:
                pass
    return state


def changed_files(s0, s1):
    return sorted(p for p in set(s0) | set(s1) if s0.get(p) != s1.get(p))


# --- measure -----------------------------------------------------------------------------------------------------
def health(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/health", timeout=2) as r:
            return b'"UP"' in r.read()
    except Exception:
        return False


def diagnose(a, stuck):
    """What we can see when the platform did not finish: partitions on the broker's disk, the mapper's assigned
    partitions, the publisher's last word per stuck destination."""
    lines = []
    data = os.path.join(a.work, "kafka", "data")
    if os.path.isdir(data):
        topics = {}
        for d in os.listdir(data):
            m = re.match(r"(roster\..+)-(\d+)$", d)
            if m:
                topics.setdefault(m.group(1), []).append(int(m.group(2)))
        lines.append("partitions on the broker: "
                     + (", ".join(f"{t}={len(p)}" for t, p in sorted(topics.items())) or "none (no roster topic yet)"))
    lines += cold_start(a)["evidence"]
    for svc, pattern in (("oneroster-mapper", r"newly assigned partitions: \[.*roster\.changes.*"),
                         ("sftp-publisher", r"newly assigned partitions: \[.*")):
        hits = grep(os.path.join(a.work, "logs", f"{svc}.log"), pattern)
        if hits:
            lines.append(f"{svc}, last assignment: {hits[-1][:300]}")
    for did in list(stuck)[:10]:
        hits = grep(os.path.join(a.work, "logs", "sftp-publisher.log"), rf"[Dd]estination {re.escape(did)}-sftp .*")
        if hits:
            lines.append(f"publisher on {did}: {hits[-1][:300]}")
    for svc in ("roster-extractor", "oneroster-mapper", "sftp-publisher", "sync-monitor"):
        n = len(grep(os.path.join(a.work, "logs", f"{svc}.log"), r" (WARN|ERROR) "))
        if n:
            lines.append(f"{svc}: {n} WARN/ERROR lines in logs/{svc}.log")
    return lines


def cold_start(a):
    """The cold-start stall: a consumer subscribed before the producer declared the topic, the broker
    auto-created it with its default partition count, a service's KafkaAdmin then raised the count, and the consumer
    keeps reading the first partition(s) only until its metadata refresh (metadata.max.age.ms, 5 minutes)."""
    logs = os.path.join(a.work, "logs")
    evidence = []
    for m in grep(os.path.join(logs, "kafka.log"), r"CreatableTopic\(name='roster\.[^']+', numPartitions=1, [^()]*\): SUCCESS"):
        evidence.append(f"broker: {m}")
    for svc in ("roster-extractor", "oneroster-mapper", "sftp-publisher", "sync-monitor"):
        for m in grep(os.path.join(logs, f"{svc}.log"), r"Topic '\S+' exists but has a different partition count.*"):
            evidence.append(f"{svc}: {m[:200]}")
    mismatch = any("different partition count" in e for e in evidence)
    stalled_s = None
    if mismatch:
        assigned = grep(os.path.join(logs, "oneroster-mapper.log"), r"newly assigned partitions: \[.*roster\.changes",
                        lines=True)
        if assigned:
            evidence.append(f"oneroster-mapper, first assignment: {assigned[0][assigned[0].index('newly'):][:200]}")
            full = [line for line in assigned if "roster.changes.v1-1" in line]
            if full:
                stalled_s = round(log_time(full[0]) - log_time(assigned[0]), 1)
                evidence.append(f"oneroster-mapper, {stalled_s} s later: {full[0][full[0].index('newly'):][:200]}")
            else:
                evidence.append("oneroster-mapper never got roster.changes.v1's other partitions")
    return {"partition_count_raised_after_auto_create": mismatch, "mapper_partial_assignment_s": stalled_s,
            "evidence": evidence}


def grep(path, pattern, lines=False):
    """Every match of pattern in the file (several per line), or with lines=True every whole line that matches."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            rx = re.compile(pattern)
            if lines:
                return [line.rstrip("\n") for line in f if rx.search(line)]
            return [m.group(0) for line in f for m in rx.finditer(line)]
    except FileNotFoundError:
        return []


def log_time(line):
    """Seconds since the epoch of a Spring Boot log line's leading ISO timestamp, or None."""
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)Z", line)
    return time.mktime(time.strptime(m.group(1)[:19], "%Y-%m-%dT%H:%M:%S")) + float("0" + m.group(1)[19:]) if m else None


def wait_until(what, timeout, check, poll=0.2):
    """check() -> None when done, else a description of what is still missing. Returns (seconds, missing)."""
    t0 = time.time()
    missing = check()
    while missing is not None and time.time() - t0 < timeout:
        time.sleep(poll)
        missing = check()
    return time.time() - t0, missing


def settle(a, pub_log, quiet_s, limit_s):
    """Waits until the publisher has logged no outcome for quiet_s (no upload running), at most limit_s."""
    t0, last, last_change = time.time(), len(grep(pub_log, PUBLISHED.pattern)), time.time()
    while time.time() - t0 < limit_s:
        time.sleep(0.5)
        now = len(grep(pub_log, PUBLISHED.pattern))
        if now != last:
            last, last_change = now, time.time()
        elif time.time() - last_change >= quiet_s:
            return True
    return False


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(round(p / 100 * len(v) + 0.5)) - 1))] if v else None


def machine():
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024
    return {"cores": os.cpu_count(), "cpu": model, "mem_mb": mem, "loadavg_at_start": os.getloadavg(),
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def cmd_measure(a):
    with open(os.path.join(a.work, "drops", "expected.json")) as f:
        exp = json.load(f)
    expected = exp["districts"]
    users = json.loads(a.accounts)
    pids = read_pids(a.pids)
    ports = json.loads(a.ports)
    services = [s for s in ports]
    with open(a.t0) as f:
        s0 = json.load(f)
    pub_log = os.path.join(a.work, "logs", "sftp-publisher.log")
    pub_port = ports["sftp-publisher"]
    dests = [f"{d}-sftp" for d in expected]
    sftp_root = os.path.join(a.work, "sftp")
    dest = Destinations(expected, sftp_root, users)
    result = {"schools": exp["totals"]["schools"], "students_per_school": exp["totals"]["students_per_school"],
              "districts": len(expected), "users": exp["totals"]["users"],
              "enrollments": exp["totals"]["enrollments"], "bytes": exp["totals"]["bytes"], "failures": [],
              "machine": machine(), "settings": {"sync_interval_s": a.interval, "idle_s": a.idle_seconds,
                                                 "idle_settle_s": a.idle_settle,
                                                 "single_changes": a.single_changes, "change_pct": a.change_pct,
                                                 "change_rounds": a.change_rounds,
                                                 **json.loads(a.settings)}}

    def fail(phase, message, stuck=()):
        msg = f"{phase}: {message}"
        log("TIMEOUT " + msg)
        for d in diagnose(a, stuck):
            log("  " + d)
        result["failures"].append({"phase": phase, "message": message, "diagnosis": diagnose(a, stuck)})

    # 1. full sync: from the JVMs' launch until every destination holds all its users and enrollments
    log(f"full sync: waiting for {len(expected)} destinations (at most {a.full_timeout} s)")
    ready = {}

    def full_check():
        now = time.time() - s0["t"]
        for s in services:
            if s not in ready and health(ports[s]):
                ready[s] = round(now, 2)
        inc = dest.incomplete()
        waiting = [s for s in services if s not in ready]
        if waiting:
            inc["services"] = "not healthy yet (/actuator/health): " + ", ".join(waiting)
        return inc or None

    _, missing = wait_until("full sync", a.full_timeout - (time.time() - s0["t"]), full_check, poll=0.5)
    s1, th1 = snapshot(pids), thread_cpu(pids)
    full = cpu_between(s0, s1)
    full["ready_s"] = ready
    full["all_ready_s"] = max(ready.values()) if len(ready) == len(services) else None
    full["wall_from_ready_s"] = round(full["wall_s"] - full["all_ready_s"], 2) if full["all_ready_s"] else None
    full["peak_rss_mb"] = {n: hwm_mb(p) for n, p in pids.items()}
    full["thread_cpu_s"] = thread_cpu_between({}, th1)
    full["complete"] = missing is None
    full["loadavg_at_end"] = os.getloadavg()
    full["cold_start"] = cold_start(a)
    if full["cold_start"]["partition_count_raised_after_auto_create"]:
        log("DEFECT (cold-start stall): a topic was auto-created with 1 partition and raised later:")
        for e in full["cold_start"]["evidence"]:
            log("  " + e)
    full["row_counts"] = dest.all_counts()
    result["full_sync"] = full
    if missing is not None:
        n = len([d for d in missing if d != "services"])
        fail("full sync", f"after {full['wall_s']} s, {n} of {len(expected)} destinations incomplete: "
             + "; ".join(f"{d}: {m}" for d, m in list(missing.items())[:10]), missing)
        return finish(a, result, pids)
    log(f"full sync: {full['wall_s']} s wall from launch ({full['wall_from_ready_s']} s after all four were healthy"
        f" at {full['all_ready_s']} s), {full['processes_cpu_s']} s CPU of the processes, "
        f"{full['machine_cpu_s']} s machine-wide; healthy after (s): {ready}")
    for n in services:
        log(f"full sync CPU of {n} by thread (s): {full['thread_cpu_s'].get(n)}")
    log("full sync CPU per process (s): " + ", ".join(f"{n} {v}" for n, v in full["process_cpu_s"].items())
        + "; peak RSS (MB): " + ", ".join(f"{n} {v}" for n, v in full["peak_rss_mb"].items()))
    other = {d: {n: (c[n], expected[d]['rows'][n]) for n in FILES if c[n] != expected[d]['rows'][n]}
             for d, c in full["row_counts"].items()}
    other = {d: v for d, v in other.items() if v}
    if other:
        log(f"note: other files' row counts differ from the drop (got, drop): {other}")
    settle(a, pub_log, 3 * a.interval + 5, 120)
    # counted once the publisher is quiet: its log line follows the upload the files already showed
    full["uploads"] = uploads_per_destination(publisher_outcomes(pub_log, 0), dests)

    drops = Drops(os.path.join(a.work, "drops"), expected)
    if a.sis_psql:
        drops = Sis(drops, json.loads(a.sis_psql))
    rnd = random.Random(13)

    def one_change(rnd_no, per, n):
        """One round of the 1% change: in each district, users at evenly spread rows (a later round shifts them, so it
        renames other users) get a new familyName, in one rewrite of its users.csv; timed until every new value is on
        SFTP, then the uploads counted once the publisher is quiet."""
        name = "1% change" + (f" (round {rnd_no + 1})" if rnd_no else "")
        markers, count = {}, 0
        for d, k in per.items():
            rows = drops.user_rows(d)
            step = len(rows) / k
            for j in range(k):
                idx = rows[int(j * step + rnd_no * step / a.change_rounds) % len(rows)]
                m = f"Pct{rnd_no}{count:06d}q"
                count += 1
                drops.rename(d, idx, m)
                markers.setdefault(d, []).append(m)
        log(f"{name}: renaming {n} users ({min(per.values())}-{max(per.values())} per district)")
        # The new files are written before the clock starts and renamed into place after: writing 100 users.csv
        # with Python's csv module took 3 s of CPU inside the measured window (the last district dropped 3 s late), work
        # of the SIS, not ours.
        for d in expected:
            drops.prepare(d)
        c0, off0, p0, th0 = snapshot(pids), log_offset(pub_log), publisher_counters(pub_port), thread_cpu(pids)
        for d in expected:
            drops.commit(d)

        # Searched again only when the destination's file changed. Searching all 100 files for their 53 names every
        # 0.2 s, the machine used 36 to 43 s more CPU than the measured processes in each change, 16.5 s after this
        # (docs/benchmarks.md, runs U1 to U5): CPU taken from the services being measured.
        # One pass over a changed file finds every marker in it: testing its 53 names one by one scanned 53 MB per
        # district, 5.3 GB in all, seconds of CPU taken from the services while they were being timed.
        searched = {}
        marker = re.compile(rb"Pct\d{7}q")

        def change_check():
            left = {}
            for d, ms in markers.items():
                data = dest.read(d, "users") or b""
                hit = searched.get(d)
                if hit is None or hit[0] is not data:
                    found = set(marker.findall(data))
                    hit = searched[d] = (data, sum(1 for m in ms if m.encode() not in found))
                k = hit[1]
                if k:
                    left[d] = f"{k} of {len(ms)} renamed users not on SFTP yet"
            return left or None

        _, missing = wait_until(name, a.change_timeout, change_check)
        c1 = snapshot(pids)
        change = cpu_between(c0, c1)
        change["thread_cpu_s"] = thread_cpu_between(th0, thread_cpu(pids))
        change["renamed_users"] = n
        change["complete"] = missing is None
        if missing is not None:
            fail(name, f"after {change['wall_s']} s: " + "; ".join(
                f"{d}: {m}" for d, m in list(missing.items())[:10]), missing)
            return change
        settle(a, pub_log, 3 * a.interval + 5, 180)  # late uploads of the same change count too
        up = uploads_per_destination(publisher_outcomes(pub_log, off0), dests)
        p1 = publisher_counters(pub_port)
        change["uploads"] = up
        counts = list(up.values())
        change["uploads_per_destination"] = {"min": min(counts), "max": max(counts),
                                             "mean": round(sum(counts) / len(counts), 2)}
        change["uploads_by_counter"] = p1[0] - p0[0] if None not in (p0[0], p1[0]) else None
        change["bytes_uploaded"] = p1[1] - p0[1] if None not in (p0[1], p1[1]) else None
        log(f"{name}: {change['wall_s']} s until every renamed user was on SFTP; uploads per destination "
            f"{change['uploads_per_destination']}, {change['bytes_uploaded']} bytes")
        for svc, by in change["thread_cpu_s"].items():
            log(f"{name} CPU of {svc} by thread (s): {by}")
        return change

    # 2. the 1% change: rename 1% of all users, spread over every district and school, in one rewrite per district.
    # Later rounds rename other users the same way: the first change after a cold full sync also pays the JIT for
    # the paths that find records already known (docs/benchmarks.md), a later one shows the platform as it runs on.
    if a.change_pct > 0:
        total = sum(len(drops.user_rows(d)) for d in expected)
        n = max(len(expected), round(total * a.change_pct / 100))
        per = {d: n // len(expected) + (i < n % len(expected)) for i, d in enumerate(sorted(expected))}
        later = []
        for rnd_no in range(a.change_rounds):
            change = one_change(rnd_no, per, n)
            if rnd_no == 0:
                result["change_1pct"] = change
            else:
                later.append(change)
                result["change_1pct_later"] = later
            if not change["complete"]:
                return finish(a, result, pids)

    # 3. single changes at rest, one at a time, spread over the schools
    if a.single_changes > 0:
        schools = [(d, s) for d in sorted(expected) for s in expected[d]["schools"]]
        order = sorted(schools, key=lambda x: x[1])
        lat, off0 = [], log_offset(pub_log)
        log(f"single changes: {a.single_changes}, one at a time (sync interval {a.interval} s)")
        for k in range(a.single_changes):
            d, s = order[(k * 7) % len(order)] if len(order) % 7 else order[k % len(order)]
            rows = drops.user_rows(d, s)
            idx = rows[rnd.randrange(len(rows))]
            m = f"One{k:04d}q".encode()
            drops.rename(d, idx, m.decode())
            time.sleep(rnd.uniform(0, 1))  # not in step with the extractor's ticks
            drops.write(d)
            t = time.time()

            def one_check():
                data = dest.read(d, "users") or b""
                return None if m in data else f"{m.decode()} ({s}) not in {d}'s users.csv"

            secs, missing = wait_until("single change", a.single_timeout, one_check, poll=0.05)
            if missing is not None:
                fail("single change", f"change {k + 1} after {round(secs, 1)} s: {missing}", {d: missing})
                break
            lat.append(secs)
        single = {"changes": len(lat), "p50_s": round(pct(lat, 50), 2) if lat else None,
                  "p99_s": round(pct(lat, 99), 2) if lat else None,
                  "max_s": round(max(lat), 2) if lat else None, "min_s": round(min(lat), 2) if lat else None,
                  "latencies_s": [round(x, 2) for x in lat]}
        settle(a, pub_log, 3 * a.interval + 5, 120)
        single["uploads"] = sum(uploads_per_destination(publisher_outcomes(pub_log, off0), dests).values())
        result["single_change"] = single
        log(f"single changes: {single['changes']} done, p50 {single['p50_s']} s, p99 {single['p99_s']} s, "
            f"max {single['max_s']} s, {single['uploads']} uploads")
        if len(lat) < a.single_changes:
            return finish(a, result, pids)

    # 4. idle
    if a.idle_seconds > 0:
        # Uploads are counted from here, CPU only from after the rest: the rest gives the JIT time to compile what the
        # changes made hot, and the scrape of the publisher's counters (the benchmark's own) is not the services' CPU.
        off0, p0, f0 = log_offset(pub_log), publisher_counters(pub_port), files_state(sftp_root)
        if a.idle_settle > 0:
            log(f"idle: resting {a.idle_settle} s before the window")
        time.sleep(max(a.idle_settle, 1))
        log(f"idle: {a.idle_seconds} s")
        i0, th0 = snapshot(pids), thread_cpu(pids)
        time.sleep(a.idle_seconds)
        i1, th1 = snapshot(pids), thread_cpu(pids)
        p1, f1 = publisher_counters(pub_port), files_state(sftp_root)
        idle = cpu_between(i0, i1)
        idle["thread_cpu_s"] = thread_cpu_between(th0, th1, top=12, digits=2)
        svc = sum(idle["process_cpu_s"].get(s, 0) for s in services)
        idle["services_cpu_s"] = round(svc, 2)
        idle["services_cpu_pct_of_one_core"] = round(100 * svc / idle["wall_s"], 2)
        idle["uploads"] = sum(uploads_per_destination(publisher_outcomes(pub_log, off0), dests).values())
        idle["uploads_by_counter"] = p1[0] - p0[0] if None not in (p0[0], p1[0]) else None
        idle["bytes_uploaded"] = p1[1] - p0[1] if None not in (p0[1], p1[1]) else None
        idle["files_changed_on_sftp"] = len(changed_files(f0, f1))
        result["idle"] = idle
        log(f"idle: services {svc:.2f} s CPU in {idle['wall_s']} s = {idle['services_cpu_pct_of_one_core']}% of one "
            f"core; {idle['uploads']} uploads, {idle['bytes_uploaded']} bytes, "
            f"{idle['files_changed_on_sftp']} files changed on SFTP")
        for n in services:
            log(f"idle CPU of {n} by thread (s): {idle['thread_cpu_s'].get(n)}")
    return finish(a, result, pids)


def finish(a, result, pids):
    result["peak_rss_mb"] = {n: hwm_mb(p) for n, p in pids.items()}
    result["mails"] = len(os.listdir(os.path.join(a.work, "mail"))) if os.path.isdir(os.path.join(a.work, "mail")) else 0
    result["warn_error_lines"] = {s: len(grep(os.path.join(a.work, "logs", f"{s}.log"), r" (WARN|ERROR) "))
                                  for s in json.loads(a.ports)}
    with open(a.result, "w") as f:
        json.dump(result, f, indent=1)
    return 1 if result["failures"] else 0


# --- summary -----------------------------------------------------------------------------------------------------
def cmd_summary(a):
    with open(a.product) as f:
        p = json.load(f)
    fl = None
    if a.floor and os.path.exists(a.floor):
        with open(a.floor) as f:
            fl = json.load(f)
    full = p.get("full_sync", {})

    def r(x, y):
        return f"{x / y:.2f}" if x is not None and y else "na"

    def v(x):
        return "na" if x is None else x

    floor_wall = fl["total_s"] if fl else None
    floor_cpu = round(sum(ph["client_cpu_s"] + ph["broker_cpu_s"] + ph["sshd_cpu_s"]
                          for ph in fl["phases"].values()), 2) if fl else None
    wall = full.get("wall_s") if full.get("complete") else None
    cpu = full.get("processes_cpu_s") if full.get("complete") else None
    ch = p.get("change_1pct", {})
    ch_s = ch.get("wall_s") if ch.get("complete") else None
    later = (p.get("change_1pct_later") or [{}])[-1]
    later_s = later.get("wall_s") if later.get("complete") else None
    single = p.get("single_change", {})
    idle = p.get("idle", {})
    rss = p.get("peak_rss_mb", {})
    svc_rss = {k: rss[k] for k in ("roster-extractor", "oneroster-mapper", "sftp-publisher", "sync-monitor") if
               rss.get(k) is not None}
    line = (f"platform: schools={p['schools']} instances={p['settings'].get('instances', 1)} product_wall_s={v(wall)} floor_wall_s={v(floor_wall)} "
            f"wall_ratio={r(wall, floor_wall)} product_cpu_s={v(cpu)} floor_cpu_s={v(floor_cpu)} "
            f"cpu_ratio={r(cpu, floor_cpu)} change_1pct_s={v(ch_s)} change_1pct_ratio={r(ch_s, wall)} "
            f"uploads_per_dest_1pct={v(ch.get('uploads_per_destination', {}).get('mean'))} "
            f"change_1pct_later_s={v(later_s)} change_1pct_later_ratio={r(later_s, wall)} "
            f"single_p50_s={v(single.get('p50_s'))} single_p99_s={v(single.get('p99_s'))} "
            f"idle_cpu_pct={v(idle.get('services_cpu_pct_of_one_core'))} idle_bytes={v(idle.get('bytes_uploaded'))} "
            f"peak_rss_mb={v(max(svc_rss.values()) if svc_rss else None)}"
            + (f" failures={len(p['failures'])}" if p["failures"] else ""))
    print(line)
    if a.out:
        p["floor"] = fl
        p["summary"] = line
        p["ratios"] = {"wall": r(wall, floor_wall), "cpu": r(cpu, floor_cpu), "change_1pct_of_full": r(ch_s, wall),
                       "change_1pct_later_of_full": r(later_s, wall),
                       "machine_cpu": r(full.get("machine_cpu_s") if wall else None, fl["cpu_s"] if fl else None)}
        with open(a.out, "w") as f:
            json.dump(p, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("drops")
    d.add_argument("--data", required=True)
    d.add_argument("--out", required=True)
    s = sub.add_parser("smtp-sink")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--dir", required=True)
    s.add_argument("--max-seconds", type=float, required=True)
    n = sub.add_parser("snapshot")
    n.add_argument("--pids", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--work", required=True)
    m.add_argument("--pids", required=True)
    m.add_argument("--t0", required=True)
    m.add_argument("--ports", required=True, help='JSON {"service": http port}')
    m.add_argument("--accounts", required=True, help='JSON {"district": sftp user}')
    m.add_argument("--interval", type=float, required=True)
    m.add_argument("--full-timeout", type=float, required=True)
    m.add_argument("--change-pct", type=float, default=1.0)
    m.add_argument("--change-timeout", type=float, required=True)
    m.add_argument("--change-rounds", type=int, default=2)
    m.add_argument("--single-changes", type=int, default=50)
    m.add_argument("--single-timeout", type=float, required=True)
    m.add_argument("--idle-seconds", type=float, default=300)
    m.add_argument("--idle-settle", type=float, default=0)
    m.add_argument("--result", required=True)
    m.add_argument("--settings", default="{}", help="JSON of run.sh's settings, kept in the result")
    m.add_argument("--sis-psql", help="JSON psql command line of the SIS database: the changes go there (--source jdbc)")
    t = sub.add_parser("sis-tables")
    t.add_argument("--drops", required=True)
    t.add_argument("--out", required=True)
    y = sub.add_parser("summary")
    y.add_argument("--product", required=True)
    y.add_argument("--floor")
    y.add_argument("--out")
    a = ap.parse_args()
    return {"drops": cmd_drops, "sis-tables": cmd_sis_tables, "smtp-sink": cmd_smtp_sink, "snapshot": cmd_snapshot, "measure": cmd_measure,
            "summary": cmd_summary}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main() or 0)
