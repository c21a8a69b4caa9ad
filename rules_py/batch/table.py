"""The people table: one row per record (its verdicts, or why it has none), one per unusable file and one per
roster row naming a file not given; and the bundles sheet, one row per person and bundle with the reasons.
The page shows it, the downloads and the CLI's --out write it: the same cells everywhere."""

from datetime import date

from rules_py import leave_reasons, load_plans
from rules_py.batch.attendance import applied, decided
from rules_py.batch.jobs import NO_ROSTER, NO_ROSTER_ROW
from rules_py.batch.roster import COLUMNS

STATUS = {"eligible": "符合", "review": "待審", "ineligible": "不符合"}
FILE, NAME, UNIT, CATEGORY = "檔名", "姓名", "服務單位", "人員類別"
TOTAL, EXPIRED, REWARD, REVIEW, NOTES = "補休時數合計", "已逾期補休時數", "嘉獎", "待審事項", "說明"
EXPIRED_MARK = "（已逾期）"  # after a bundle's 判定, when its last day of leave is past: its hours are in EXPIRED, not TOTAL
APPLIED = "套用的資料"  # the profile file and the attendance rows this row was checked with
HOURS, EXPIRES = "補休時數", "補休期限"
BUNDLE_COLUMNS = (FILE, NAME, "項目", "判定", HOURS, EXPIRES, "完成時數", "應完成時數", "理由")
PEOPLE_SHEET, BUNDLES_SHEET = "人員", "課程組合與理由"
DEFAULTS_NOTES = (NO_ROSTER, NO_ROSTER_ROW)  # said of a checked row only
MISSING_FILE = "名冊列出這個檔案，但沒有提供"


class Sheet:
    __slots__ = ("title", "header", "rows")

    def __init__(self, title: str, header: list, rows: list):
        self.title, self.header, self.rows = title, header, rows


class Table:
    """people and bundles: Sheets; rows: per people row, what the page needs beside its cells;
    bundle_names: [(bundle id, name)] of the people sheet's bundle columns."""

    def __init__(self, people: Sheet, bundles: Sheet, rows: list, bundle_names: list):
        self.people, self.bundles, self.rows, self.bundle_names = people, bundles, rows, bundle_names

    def sheets(self) -> list:
        return [self.people, self.bundles]


def _bundles(outcomes) -> list:
    """[(id, name)]: the bundles of the plans the results used, else of the newest plan, in plan order."""
    seen = {}
    for outcome in outcomes:
        for b in outcome.get("result", {}).get("bundles", ()):
            seen.setdefault(b["id"], b["name"])
    if not seen:
        seen = {b["id"]: b["name"] for b in _newest_plan()["bundles"]}
    return list(seen.items())


def _number(value):
    return int(value) if float(value).is_integer() else value


def _verdict(leave: dict) -> str:
    """A bundle's 判定, marked when its last day of leave is past (the hours are then no longer usable); the
    last day itself stays a date cell."""
    return STATUS[leave["status"]] + (EXPIRED_MARK if leave["expiry_flag"] == "expired" else "")


def review_points(result: dict) -> int:
    """待審事項, what the officer must look at: bundles and the commendation awaiting their decision, and warnings
    (the page's filter 只看待審的人 and its summary count the same)."""
    return (sum(b["leave"]["status"] == "review" for b in result["bundles"])
            + (result["reward"]["status"] == "review") + len(result["warnings"]))


def _why_not(result: dict, bundle: dict) -> str:
    """不符合 in a few words, for the page's table (the reasons say it in full): from the verdict's facts."""
    if not result["category"]["covered"]:
        return f"{result['category']['name']}不適用"
    courses = [c for c in result["courses"] if c["bundle"] == bundle["id"]]
    if not bundle["complete"]:
        return f"缺 {sum(c['status'] != 'counted' for c in courses)} 門課"
    kinds = dict.fromkeys(c["found"]["kind"] for c in courses if c["off_duty"] == "no" and c["found"])
    names = {c["found"]["kind"]: c["found"]["kind_name"] for c in courses if c["found"]}
    return "、".join(f"{names[k]}期間上課" if k == "unpaid_leave" else f"在{names[k]}時間上課"
                    if k in ("office_hours", "on_duty") else f"與{names[k]}重疊" for k in kinds) or "不是公餘時間"


def _day(iso):
    """A date cell: a date (a spreadsheet's date, with its format), or empty."""
    return date.fromisoformat(iso) if iso else ""


def said_once(rows: list) -> list:
    """What every row checked with defaults would say (名冊中沒有這個檔案…): said once above the page's table,
    not in each row's 說明 (the downloads keep it per row: a row is read alone when filtered)."""
    counts: dict = {}
    for row in rows:
        if row.get("defaults_note"):
            counts[row["defaults_note"]] = counts.get(row["defaults_note"], 0) + 1
    return [f"{count} 份紀錄：{note}；這些列的人員類別標示「（預設）」。" for note, count in counts.items()]


def _reasons(reasons: list) -> str:
    return "\n".join(f"[{r['clause']}] {r['message']}" for r in reasons)


def _assumed(result: dict, job: dict) -> list:
    """A person in the roster whose row left a setting empty: which defaults were used (the rules say so)."""
    if job["profile"] is None:  # no roster row and no profile file: the row's note already says defaults
        return []
    names = {field: header for header, field in COLUMNS.items()}
    missing = [names.get(a["key"], a["key"]) for a in result.get("assumed", ())]
    return [f"未填「{'」「'.join(missing)}」，以預設值檢核"] if missing else []


def expiry_warning_days() -> int:
    """The plan's reminder window for leave about to expire (courses/ data), for the page's filter."""
    return _newest_plan()["reminders"]["expiry_warning_days"]


def _newest_plan() -> dict:
    return max(load_plans().values(), key=lambda p: p["parameters"]["period"]["start"])


def _unchecked(header: list, file: str, name: str, unit: str, why: str, used: str = "") -> list:
    """A row with no verdicts: its cells empty but what was applied, the last one saying why."""
    return [file, name, unit] + [""] * (len(header) - 5) + [used, why]


def for_table(outcome: dict) -> dict:
    """check_job's outcome with only what assemble() reads of it: the batch page keeps ten thousand of these
    (a person's whole result is made again when it is opened)."""
    result = outcome.get("result")
    if result is None:
        return outcome

    def reasons(items):
        return [{"clause": r["clause"], "message": r["message"]} for r in items]

    return {"id": outcome["id"], "result": {
        "plan": {"id": result["plan"]["id"]},
        "category": {"name": result["category"]["name"], "covered": result["category"]["covered"]},
        # A course's found whole, and its name, where something was found: decided() names the attendance row.
        "courses": [{"bundle": c["bundle"], "status": c["status"], "off_duty": c["off_duty"], "found": c["found"],
                     **({"name": c["name"]} if c["found"] else {})} for c in result["courses"]],
        "leave_hours": result["leave_hours"], "leave_hours_expired": result["leave_hours_expired"],
        "warnings": reasons(result["warnings"]),
        "assumed": [{"key": a["key"]} for a in result.get("assumed", ())],
        "reward": {"name": result["reward"]["name"], "status": result["reward"]["status"],
                   "reasons": reasons(result["reward"]["reasons"])},
        "bundles": [{"id": b["id"], "name": b["name"], "complete": b["complete"], "completed_hours": b["completed_hours"],
                     "required_hours": b["required_hours"],
                     "leave": {"status": b["leave"]["status"], "hours": b["leave"]["hours"],
                               "expires_on": b["leave"]["expires_on"], "expiry_flag": b["leave"].get("expiry_flag"),
                               # whole: the courses' reasons a bundle refers to are not kept
                               "reasons": reasons(leave_reasons(result, b))}} for b in result["bundles"]],
    }}


def assemble(batch, outcomes: list) -> Table:
    """outcomes: check_job's answers, one per batch.jobs (any order)."""
    by_id = {o["id"]: o for o in outcomes}
    bundles = _bundles(outcomes)
    header = [FILE, NAME, UNIT, CATEGORY]
    for _, name in bundles:
        header += [name, f"{name}{HOURS}", f"{name}{EXPIRES}"]
    header += [TOTAL, EXPIRED, REWARD, REVIEW, APPLIED, NOTES]
    people, bundle_rows, rows = [], [], []
    for job in batch.jobs:
        outcome = by_id.get(job["id"], {"error": "沒有檢核（已取消）"})
        result = outcome.get("result")
        person = job["name"] or job["file"]
        meta = {"id": job["id"], "file": job["file"], "person": person, "unit": job["unit"],
                "duplicate": bool(job.get("duplicate")), "notes": [n for n in job["notes"] if n not in DEFAULTS_NOTES],
                "defaults": job["profile"] is None, "profile_file": job["profile_file"],
                "attendance": job["attendance"], "attendance_file": batch.attendance,
                "applied": applied(job["profile_file"], batch.attendance, job["attendance"])}
        used = meta["applied"]
        cells = [job["file"], job["name"], job["unit"]]
        if result is None:
            meta.update(error=outcome["error"], gap=bool(outcome.get("gap")))
            people.append(_unchecked(header, job["file"], job["name"], job["unit"],
                                     "；".join([outcome["error"], *meta["notes"]]), used))
            rows.append(meta)
            continue
        statuses = {b["id"]: b["leave"]["status"] for b in result["bundles"]}
        by_attendance = decided(result, job["attendance"])
        by_bundle = {b["id"]: b for b in result["bundles"]}
        cells.append(result["category"]["name"])
        for bundle_id, _ in bundles:
            b = by_bundle.get(bundle_id)
            if b is None:
                cells += ["", "", ""]
                continue
            leave = b["leave"]
            hours = _number(leave["hours"]) if leave["status"] != "ineligible" else 0
            verdict, expires = _verdict(leave), _day(leave["expires_on"])
            cells += [verdict, hours, expires]
            bundle_rows.append([job["file"], job["name"], b["name"], verdict, hours, expires,
                                _number(b["completed_hours"]), _number(b["required_hours"]),
                                "\n".join([_reasons(leave_reasons(result, b)),
                                           *(f"[差勤資料] {text}" for bid, text in by_attendance if bid == bundle_id)])])
        reward = result["reward"]
        bundle_rows.append([job["file"], job["name"], reward["name"], STATUS[reward["status"]], "", "", "", "",
                            _reasons(reward["reasons"])])
        if result["warnings"]:
            bundle_rows.append([job["file"], job["name"], "提醒", "", "", "", "", "", _reasons(result["warnings"])])
        points = review_points(result)
        notes = job["notes"] + _assumed(result, job)
        cells += [_number(result["leave_hours"]), _number(result["leave_hours_expired"]), STATUS[reward["status"]],
                  points, used, "；".join(notes)]
        people.append(cells)
        meta.update(statuses=statuses, leave_hours=result["leave_hours"],
                    leave_hours_expired=result["leave_hours_expired"], reward=reward["status"], review=points,
                    why={b["id"]: _why_not(result, b) for b in result["bundles"] if b["leave"]["status"] == "ineligible"},
                    notes=[n for n in notes if n not in DEFAULTS_NOTES],
                    defaults_note=next((n for n in notes if n in DEFAULTS_NOTES), None),
                    category=result["category"]["name"], plan=result["plan"]["id"],
                    expiring=any(b["leave"].get("expiry_flag") == "expiring" for b in result["bundles"]),
                    decided=[{"bundle": bid, "text": text} for bid, text in by_attendance])
        rows.append(meta)
    for problem in batch.problems:
        people.append(_unchecked(header, problem.name, "", "", problem.message))
        rows.append({"id": None, "file": problem.name, "person": problem.name, "unit": "", "error": problem.message,
                     "notes": [], "duplicate": False, "defaults": False})
    for row in batch.missing:
        message = f"{MISSING_FILE}（名冊第 {row.line} 列）"
        people.append(_unchecked(header, row.file, row.name, row.unit, message))
        rows.append({"id": None, "file": row.file, "person": row.name or row.file, "unit": row.unit,
                     "error": message, "missing": True, "notes": [], "duplicate": False, "defaults": False})
    return Table(Sheet(PEOPLE_SHEET, header, people), Sheet(BUNDLES_SHEET, list(BUNDLE_COLUMNS), bundle_rows), rows,
                 bundles)
