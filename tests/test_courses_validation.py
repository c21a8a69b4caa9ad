"""pipeline.courses: the real data loads, and each kind of fault in courses/ gets its zh-TW message."""

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from pipeline.courses import CoursesError, load_calendar_sources, load_clauses, load_courses

ROOT = Path(__file__).resolve().parent.parent
PLAN = "114/plan.yaml"
EARLIER_CALENDARS = ROOT / "tests" / "fixtures" / "calendars"
BIG5 = "calendars/dgpa-114-office-calendar-1141020-big5.csv"


@pytest.fixture
def courses(tmp_path) -> Path:
    target = tmp_path / "courses"
    shutil.copytree(ROOT / "courses", target)
    return target


def edit_plan(courses: Path, change) -> None:
    file = courses / PLAN
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_calendar(courses: Path, change) -> None:
    file = courses / BIG5
    lines = file.read_bytes().decode("cp950").split("\r\n")
    file.write_bytes("\r\n".join(change(lines)).encode("cp950"))


def test_the_real_data_loads():
    plan = load_courses(ROOT / "courses")["plans"]["kaohsiung-114"]
    assert [b["id"] for b in plan["bundles"]] == ["policy", "municipal", "common"]
    assert [b["hours"] for b in plan["bundles"]] == [10, 10, 10]
    assert plan["parameters"]["deadline"] == {"clause": "陸、五", "value": "2025-08-31"}
    cal = plan["calendar"]
    assert len(cal["off_days"]) == 118
    assert "2025-02-08" not in cal["off_days"] and cal["notes"]["2025-02-08"] == "補行上班"
    assert "2025-04-03" in cal["off_days"] and "2025-05-01" not in cal["off_days"]
    assert {s["date"]: s["scope"] for s in cal["suspensions"]}["2025-07-07"] == "whole_city"
    assert {s["date"]: s["scope"] for s in cal["suspensions"]}["2025-07-11"] == "districts"
    assert plan["clauses"]["陸、五"] == "clause-6-5" and plan["clauses"]["附件2說明2"] == "form-note-2"


def test_big5_and_utf8_bom_calendars_read_alike(courses):
    for path in EARLIER_CALENDARS.glob("*.csv"):
        shutil.copy(path, courses / "calendars")

    def with_calendar(name):
        edit_plan(courses, lambda d: d["parameters"]["calendar"].update(office_calendar=f"../calendars/{name}"))
        return load_courses(courses)["plans"]["kaohsiung-114"]["calendar"]["off_days"]

    big5 = with_calendar("dgpa-114-office-calendar-1141020-big5.csv")
    revised = with_calendar("dgpa-114-office-calendar-revised.csv")
    original = with_calendar("dgpa-114-office-calendar-original.csv")
    assert big5 == revised
    assert sorted(set(revised) - set(original)) == ["2025-09-29", "2025-10-24", "2025-12-25"]


def _set(path, value):
    def change(data):
        *keys, last = path
        node = data
        for key in keys:
            node = node[key]
        node[last] = value
    return change


def _delete(path):
    def change(data):
        *keys, last = path
        node = data
        for key in keys:
            node = node[key]
        del node[last]
    return change


def _duplicate_course(data):
    data["bundles"][2]["courses"].append(dict(data["bundles"][0]["courses"][0]))
    data["bundles"][2]["hours"] += 1


def _duplicate_code(data):
    data["bundles"][1]["courses"][0]["code"] = data["bundles"][0]["courses"][0]["code"]


PLAN_FAULTS = [
    (_delete(["parameters", "deadline"]), "courses/114/plan.yaml 第 N 行: parameters.deadline：缺少此欄位"),
    (_set(["parameters", "leave_hours_cap", "value"], "十二"), "courses/114/plan.yaml 第 N 行: parameters.leave_hours_cap.value：應為數字"),
    (_set(["parameters", "leave_valid_years", "value"], 1.5), "parameters.leave_valid_years.value：應為整數"),
    (_set(["bundles", 1, "courses", 3, "hours"], -1), "courses/114/plan.yaml 第 N 行: bundles[1].courses[3].hours：應為正數"),
    (_set(["bundles", 0, "hours"], 11), "bundles[0].hours：課程時數合計 10 小時，與所列 11 小時不符"),
    (_duplicate_course, "bundles[2].courses[7]：課程名稱 雙軸轉型淨零港都 與 bundles[0].courses[0] 重複"),
    (_duplicate_code, "bundles[1].courses[0].code：課程代碼 PCENTER114100556 與 bundles[0].courses[0] 重複"),
    (_set(["bundles", 1, "id"], "policy"), "bundles[1].id：組裝課程代號 policy 重複"),
    (_set(["bundles", 0, "courses", 2, "name"], "  "), "bundles[0].courses[2].name：應為非空白文字"),
    (_set(["parameters", "deadline", "value"], "2025-13-01"), "parameters.deadline.value：應為日期 YYYY-MM-DD"),
    (_set(["parameters", "deadline", "value"], "2026-01-31"), "parameters.deadline.value：截止日應在辦理期間內"),
    (_set(["parameters", "covered_categories", "value"], ["civil_servant", "volunteer"]),
     "parameters.covered_categories.value[1]：未定義的人員類別 volunteer"),
    (_set(["parameters", "default_office_hours", "value"], ["17:30-08:00"]),
     "parameters.default_office_hours.value[0]：應為 HH:MM-HH:MM"),
    (_set(["rules", "leave.cap"], "第五條"), "rules.leave.cap：條文代號 第五條 不在 clauses.yaml 中"),
    (_set(["rules", "leave.bonus"], "陸、五"), "rules.leave.bonus：未知的規則代號"),
    (_delete(["rules", "leave.cap"]), "rules.leave.cap：缺少此欄位"),
    (_set(["matching", "similarity_threshold"], 1.5), "matching.similarity_threshold：應介於 0 與 1 之間"),
    (_set(["parameters", "calendar", "office_calendar"], "../calendars/none.csv"),
     "parameters.calendar.office_calendar：找不到辦公日曆檔 none.csv"),
    (_set(["categories", 1, "aliases"], ["公務人員"]), "categories[1]：名稱 公務人員 與 categories[0] 重複"),
]


@pytest.mark.parametrize("change,message", PLAN_FAULTS, ids=[m.split("：")[0].split(": ")[-1] for _, m in PLAN_FAULTS])
def test_plan_fault(courses, change, message):
    edit_plan(courses, change)
    with pytest.raises(CoursesError) as caught:
        load_courses(courses)
    assert re.search(re.escape(message).replace("第\\ N\\ 行", r"第 \d+ 行"), str(caught.value))


def test_the_line_named_is_the_keys_own_line(courses):
    edit_plan(courses, _set(["parameters", "leave_hours_cap", "value"], "十二"))
    lines = (courses / PLAN).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.strip() == "value: 十二")
    with pytest.raises(CoursesError, match=f"courses/114/plan.yaml 第 {line} 行: parameters.leave_hours_cap.value："):
        load_courses(courses)


def edit_clauses(courses: Path, change) -> None:
    file = courses / "114" / "clauses.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_clause_missing_from_clauses_yaml(courses):
    edit_clauses(courses, lambda d: d.update(clauses=[c for c in d["clauses"] if c["id"] != "附件2說明3"]))
    with pytest.raises(CoursesError) as caught:
        load_courses(courses)
    assert re.search(r"courses/114/plan.yaml 第 \d+ 行: rules.offduty.review：條文代號 附件2說明3 不在 clauses.yaml 中",
                     str(caught.value))


def test_clauses_yaml_gives_the_anchors(courses):
    edit_clauses(courses, lambda d: d["clauses"][5].update(anchor="who-is-covered"))
    assert load_courses(courses)["plans"]["kaohsiung-114"]["clauses"]["肆"] == "who-is-covered"
    assert load_clauses(courses)["kaohsiung-114"]["clauses"][5]["anchor"] == "who-is-covered"


CLAUSES_FAULTS = [
    (_delete(["form", "signatures"]), "courses/114/clauses.yaml 第 4 行: form.signatures：缺少此欄位"),
    (_set(["form", "time_units"], ["年", "月", "日"]), "第 15 行: form.time_units：應為 5 個單位"),
    (_set(["clauses", 6, "anchor"], "clause-4"), "第 56 行: clauses[6].anchor：clause-4 與 clauses[5] 重複"),
    (_set(["clauses", 2, "text"], None), "第 38 行: clauses[2].text：缺少此欄位"),
    (_set(["clauses", 2, "title"], 3), "第 37 行: clauses[2].title：應為文字"),
    (_set(["plan"], "kaohsiung-113"), "第 1 行: plan：應為此計畫的代號 kaohsiung-114，實際為 kaohsiung-113"),
    (lambda d: d.pop("clauses"), "courses/114/clauses.yaml: clauses：缺少此欄位"),
]


@pytest.mark.parametrize("change,message", CLAUSES_FAULTS, ids=[m.split("：")[0].split(": ")[-1] for _, m in CLAUSES_FAULTS])
def test_clauses_fault(courses, change, message):
    edit_clauses(courses, change)
    with pytest.raises(CoursesError) as caught:
        load_courses(courses)
    assert message in str(caught.value)


def test_every_calendar_names_its_source():
    """calendars/sources.yaml lists every CSV in the folder with its origin, date and sha256."""
    calendars = ROOT / "courses" / "calendars"
    sources = load_calendar_sources(ROOT / "courses")
    assert sorted(sources) == sorted(p.name for p in calendars.glob("*.csv"))
    for name, source in sources.items():
        assert hashlib.sha256((calendars / name).read_bytes()).hexdigest() == source["sha256"], name
        assert source["origin"] and source["url"].startswith("https://") and source["date"]


def test_a_calendar_source_without_a_valid_sha256_is_named(courses):
    file = courses / "calendars" / "sources.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("sha256: b4bd", "sha256: B4BD"), encoding="utf-8")
    with pytest.raises(CoursesError, match=r"courses/calendars/sources.yaml 第 10 行: .*big5.csv.sha256：應為 64 個"):
        load_calendar_sources(courses)


CALENDAR_FAULTS = [
    (lambda lines: [l.replace("20250208,六,0", "20250208,五,0") for l in lines],
     "courses/calendars/dgpa-114-office-calendar-1141020-big5.csv: 第 40 列：2025-02-08 應為星期六，檔案寫星期五"),
    (lambda lines: [l.replace("20250210,一,0", "20250210,一,1") for l in lines], "第 42 列：是否放假應為 0 或 2"),
    (lambda lines: [l for l in lines if not l.startswith("20250303")], "第 63 列：日期 2025-03-04 不連續（前一日為 2025-03-02）"),
    (lambda lines: [l.replace("20250401", "20250431") for l in lines], "第 92 列：西元日期應為 YYYYMMDD"),
    (lambda lines: ["日期,星期,放假,備註"] + lines[1:], "第 1 列：欄位應為 西元日期,星期,是否放假,備註"),
    (lambda lines: [l + ",多" if l.startswith("20250505") else l for l in lines], "第 126 列：應有 4 欄，實際 5 欄"),
    (lambda lines: lines[:150], "parameters.calendar.office_calendar：辦公日曆涵蓋 2025-01-01～2025-05-29"),
]


@pytest.mark.parametrize("change,message", CALENDAR_FAULTS, ids=[m.split("：")[0][-8:] for _, m in CALENDAR_FAULTS])
def test_calendar_fault(courses, change, message):
    edit_calendar(courses, change)
    with pytest.raises(CoursesError) as caught:
        load_courses(courses)
    assert message in str(caught.value)


def test_calendar_in_no_known_encoding(courses):
    (courses / BIG5).write_bytes(b"\xff\xfe\x00\x01" * 10)
    with pytest.raises(CoursesError, match="無法辨識編碼"):
        load_courses(courses)


SOURCE = "source: {announcement: 停止上班公告, date: 2025-07-07}"


@pytest.mark.parametrize("text,message", [
    ("- {date: 2025-07-07, scope: city, cause: 颱風, SOURCE}\n", "courses/114/suspensions.yaml 第 1 行: [0].scope：應為 whole_city 或 districts"),
    ("- {date: 2026-07-07, scope: whole_city, cause: 颱風, SOURCE}\n", "[0].date：2026-07-07 不在辦公日曆 2025-01-01～2025-12-31 內"),
    ("- {date: 2025-07-11, scope: districts, cause: 豪雨, SOURCE}\n", "[0].districts：缺少此欄位"),
    ("- {date: 2025-07-07, scope: whole_city, SOURCE}\n", "[0].cause：缺少此欄位"),
    ("- {date: 2025-07-07, scope: whole_city, cause: 颱風}\n", "[0].source：缺少此欄位"),
    ("- date: 2025-07-07\n  scope: whole_city\n  cause: 颱風\n  source: {date: 2025-07-07}\n",
     "第 4 行: [0].source.announcement：缺少此欄位"),
    ("- {date: 2025-07-06, scope: whole_city, cause: 颱風, SOURCE}\n", "[0].source.date：公告日期晚於停止上班日"),
    ("- {date: 2025-07-07\n", "suspensions.yaml: 第 2 行：YAML 語法錯誤"),
    ("- {date: 2025-08-14, scope: districts, districts: [桃源], villages: [梅山], cause: 颱風, SOURCE}\n",
     "[0].villages：應為 {行政區: [村里, ...]} 的對照表"),
    ("- {date: 2025-08-14, scope: districts, districts: [桃源], villages: {六龜: [梅山]}, cause: 颱風, SOURCE}\n",
     "[0].villages.六龜：六龜區不在這一日的 districts 內"),
    ("- {date: 2025-08-14, scope: districts, districts: [桃源], villages: {桃源: []}, cause: 颱風, SOURCE}\n",
     "[0].villages.桃源：應為村里名稱清單"),
    ("- {date: 2025-08-14, scope: districts, districts: [桃源], villages: {桃源: [梅山, 梅山里]}, cause: 颱風, SOURCE}\n",
     "[0].villages.桃源：村里名稱重複"),
    ("- {date: 2025-08-14, scope: whole_city, villages: {桃源: [梅山]}, cause: 颱風, SOURCE}\n",
     "[0].villages：只有 scope: districts 的停止上班日可以列出村里"),
])
def test_suspension_fault(courses, text, message):
    (courses / "114" / "suspensions.yaml").write_text(text.replace("SOURCE", SOURCE), encoding="utf-8")
    with pytest.raises(CoursesError) as caught:
        load_courses(courses)
    assert message in str(caught.value)


def test_village_names_are_kept_with_their_suffix(courses):
    (courses / "114" / "suspensions.yaml").write_text(
        "- {date: 2025-08-14, scope: districts, districts: [桃源, 六龜], villages: {桃源區: [梅山, 復興里]}, cause: 颱風, "
        + SOURCE.replace("07-07", "08-14") + "}\n", encoding="utf-8")
    (day,) = load_courses(courses)["plans"]["kaohsiung-114"]["calendar"]["suspensions"]
    assert day["districts"] == ["桃源區", "六龜區"] and day["villages"] == {"桃源區": ["梅山里", "復興里"]}


def test_yaml_syntax_error_names_the_line(courses):
    file = courses / PLAN
    file.write_text(file.read_text(encoding="utf-8") + "bundles: [\n", encoding="utf-8")
    with pytest.raises(CoursesError, match=r"courses/114/plan.yaml: 第 \d+ 行：YAML 語法錯誤"):
        load_courses(courses)


def test_duplicate_plan_id(courses):
    shutil.copytree(courses / "114", courses / "114-copy")
    with pytest.raises(CoursesError, match="courses/114-copy/plan.yaml: id：計畫代號 kaohsiung-114 重複"):
        load_courses(courses)
