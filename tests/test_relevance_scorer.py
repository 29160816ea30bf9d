"""crawler.relevance: normalization, lexicon matching, article and short-text scores.

The short articles below are written for these tests: each is a kind of page the
crawler meets (talks coverage, and the negatives that share its vocabulary).
"""

from __future__ import annotations

import json

import pytest

from crawler.relevance import default_threshold, normalize, score_article, score_text, should_fetch
from crawler.relevance.lexicon import load_lexicon
from tests.conftest import shared_path


def article(headline: str, *paragraphs: str, language: str) -> dict:
    return {"headline": headline, "paragraphs": list(paragraphs), "language": language}


# --- normalization and matching -------------------------------------------------

def test_arabic_spelling_variants_normalize_alike():
    assert normalize("إطلاق") == normalize("اطلاق") == normalize("أطلاق") == normalize("آطلاق")
    assert normalize("الأسرى") == normalize("الاسري")  # ى -> ي, hamza on alef
    assert normalize("الهدنة") == normalize("الهدنه")  # ة -> ه
    assert normalize("مُفَاوَضَات") == normalize("مفاوضات")  # diacritics
    assert normalize("مفـــاوضات") == normalize("مفاوضات")  # tatweel
    assert normalize("Cease-fire TALKS") == "cease fire talks"


def test_arabic_clitics_match_and_lookalike_words_do_not():
    lexicon = load_lexicon("ar")
    found = lexicon.find(normalize("وللمفاوضات وبالمقترح وفدٌ لحماس"))
    assert found.terms["مفاوض*"] == 1 and found.terms["مقترح*"] == 1
    assert found["gaza"] > 0  # لحماس = ل + حماس
    # حماسة (enthusiasm) is not Hamas.
    assert load_lexicon("ar").find(normalize("استقبل الجمهور اللاعبين بحماسة كبيرة"))["gaza"] == 0


def test_a_talks_phrase_does_not_hide_its_gaza_anchor():
    found = load_lexicon("ar").find(normalize("وصل وفد حماس إلى القاهرة"))
    assert found["talks"] >= 4 and found["gaza"] >= 1.5


# --- articles ------------------------------------------------------------------------

TALKS_AR = article(
    "وفد من حماس يصل القاهرة لبحث المقترح المصري الجديد بشأن الهدنة",
    "قالت مصادر مطلعة إن وفدا من حركة حماس برئاسة خليل الحية وصل إلى القاهرة مساء اليوم لإجراء مباحثات مع المسؤولين المصريين حول مقترح جديد لوقف إطلاق النار في قطاع غزة.",
    "وأضافت المصادر أن المقترح يتضمن هدنة من ست أسابيع تبدأ خلالها المرحلة الأولى من صفقة تبادل الأسرى، على أن تستكمل المفاوضات بشأن المرحلة الثانية.",
    "وأشارت إلى أن الوسطاء في مصر وقطر ينتظرون رد الجانب الإسرائيلي على التعديلات التي طلبتها الحركة خلال الساعات المقبلة.",
    "وكان رئيس الوزراء الإسرائيلي قد أعلن أنه سيرسل وفدا أمنيا إلى القاهرة إذا تلقى ردا إيجابيا.",
    language="ar")

TALKS_EN = article(
    "Israeli negotiators head to Cairo as mediators push new hostage deal",
    "An Israeli delegation led by the Mossad chief will travel to Cairo on Tuesday for talks with Egyptian and Qatari mediators on a proposal for a truce in Gaza, officials said.",
    "The framework would see Hamas free hostages in a first phase in exchange for Palestinian prisoners held by Israel, while negotiations on a permanent ceasefire continue.",
    "A Hamas official said the group was studying the latest draft and would deliver its response to the mediators within days.",
    "Disputes over the return of displaced residents to northern Gaza remain the main sticking point, according to two people briefed on the negotiations.",
    language="en")

WAR_REPORT_EN = article(
    "Strike on school shelter kills dozens in central Gaza",
    "At least 30 people were killed when an Israeli strike hit a school sheltering displaced families in Deir al-Balah, the Gaza health ministry said on Saturday.",
    "Rescue workers searched the rubble through the night, and the wounded were taken to al-Aqsa Martyrs Hospital, which said it was running out of fuel and medicines.",
    "The Israeli military said it had targeted a Hamas command post operating inside the compound and had taken steps to reduce harm to civilians.",
    "Residents described scenes of panic as families who had fled Gaza City months earlier were forced to move again.",
    "Aid agencies warned that the number of trucks entering the enclave had fallen sharply this month.",
    "Ceasefire talks mediated by Egypt and Qatar have stalled for weeks.",
    language="en")

UKRAINE_EN = article(
    "Ukraine and Russia delegations meet for ceasefire talks in Istanbul",
    "Ukrainian and Russian negotiators held their first direct talks in three years on Friday, discussing a proposal for a 30-day ceasefire and a prisoner exchange.",
    "Kyiv's delegation was led by the defence minister, while the Kremlin sent a lower-level team, a move Zelensky called a sign that Putin was not serious.",
    "U.S. envoy Steve Witkoff said mediators would keep pushing for a deal to end the war in Ukraine.",
    language="en")

LEBANON_AR = article(
    "مفاوضات وقف إطلاق النار في لبنان: المبعوث الأمريكي يحمل مقترحا جديدا إلى بيروت",
    "يصل المبعوث الأمريكي إلى بيروت حاملا مقترحا لوقف إطلاق النار بين إسرائيل وحزب الله، يتضمن انسحاب مقاتلي الحزب إلى شمال نهر الليطاني.",
    "وقالت مصادر لبنانية إن المفاوضات تتركز على آلية مراقبة الاتفاق ودور قوات اليونيفيل والجيش اللبناني في الجنوب.",
    "وأكد رئيس مجلس النواب اللبناني أن لبنان يريد اتفاقا يحفظ سيادته، فيما قال مسؤول في حزب الله إن الحزب لم يتسلم نص المقترح بعد.",
    language="ar")

EGYPT_OTHER_AR = article(
    "وزير الري يشهد توقيع عقد المرحلة الثانية من مشروع تطوير الترع بالقاهرة",
    "شهد وزير الموارد المائية والري توقيع عقد المرحلة الثانية من مشروع تأهيل الترع مع إحدى شركات المقاولات المصرية بالقاهرة.",
    "وكان الوزير قد التقى وفدا من خبراء الجامعة لعرض نتائج المرحلة الأولى من المشروع، مؤكدا أهمية الاتفاق على جدول زمني للتنفيذ.",
    "وأشار إلى أن مصر تولي اهتماما كبيرا بترشيد استهلاك المياه ضمن خطة الدولة.",
    language="ar")

IRAN_EN = article(
    "Israel and Iran hold to fragile ceasefire after 12-day war",
    "A ceasefire between Israel and Iran announced by Washington appeared to hold on Wednesday after twelve days of strikes on nuclear sites and cities.",
    "Iranian officials said Tehran would respect the truce as long as Israel did, while Israeli leaders said the agreement set back Iran's nuclear program by years.",
    "Diplomats said talks on Iran's uranium enrichment could resume in the coming weeks, with Oman offering to mediate.",
    language="en")


WAR_REPORT_AR = article(
    "استشهاد 25 فلسطينيا في قصف إسرائيلي على مخيم النصيرات",
    "استشهد 25 فلسطينيا على الأقل وأصيب العشرات في قصف إسرائيلي استهدف منازل في مخيم النصيرات وسط قطاع غزة فجر اليوم، بحسب مصادر طبية.",
    "وقال الدفاع المدني في غزة إن فرقه ما زالت تبحث عن مفقودين تحت الأنقاض، مشيرا إلى صعوبة الوصول إلى المناطق المستهدفة بسبب استمرار القصف.",
    "وأعلن جيش الاحتلال أنه استهدف عناصر من حركة حماس، فيما نددت الحركة بما وصفته بالمجزرة.",
    "وتعاني مستشفيات القطاع من نقص حاد في الوقود والأدوية، وفق وزارة الصحة في غزة.",
    "ويأتي القصف في وقت تتواصل فيه جهود الوساطة المصرية القطرية للتوصل إلى اتفاق لوقف إطلاق النار.",
    language="ar")

FREED_HOSTAGE_EN = article(
    "Freed hostage recounts 15 months in Hamas tunnels",
    "A 28-year-old woman freed from Hamas captivity last month described being held in tunnels beneath Khan Younis, in her first interview since her release.",
    "She said guards moved her between apartments and tunnels and that she often went days without daylight or enough food.",
    "She was released in January under the first phase of the ceasefire deal, along with two other hostages, in exchange for Palestinian prisoners.",
    "Her family said she was receiving treatment at a hospital near Tel Aviv and asked for privacy as she recovers.",
    "She urged the government to bring home the remaining hostages, saying every day in captivity was a danger to their lives.",
    language="en")

AID_DURING_TRUCE_EN = article(
    "Aid trucks pour into Gaza as truce holds",
    "Hundreds of aid trucks entered Gaza through the Rafah and Kerem Shalom crossings on Monday, the second day of the ceasefire, the UN said.",
    "Displaced Palestinians began returning to what was left of their homes in the south, while crowds gathered along the coastal road waiting to go north.",
    "UN officials said fuel deliveries would rise in the coming days but warned that the needs were enormous after 15 months of war.",
    language="en")

SUDAN_TALKS_AR = article(
    "انطلاق جولة جديدة من مفاوضات جدة بين الجيش السوداني والدعم السريع",
    "انطلقت في مدينة جدة جولة جديدة من المفاوضات بين وفدي الجيش السوداني وقوات الدعم السريع برعاية سعودية أمريكية، بهدف التوصل إلى هدنة إنسانية ووقف لإطلاق النار.",
    "وقال الوسطاء إن المقترح المطروح يتضمن فتح ممرات آمنة لإيصال المساعدات إلى الخرطوم ودارفور.",
    "وأكد مصدر في الوفد الحكومي أن الجيش لن يقبل أي اتفاق لا يتضمن خروج قوات الدعم السريع من منازل المواطنين.",
    language="ar")

MEDIATOR_CALL_AR = article(
    "السيسي يبحث مع ماكرون تطورات الأوضاع في غزة وجهود وقف إطلاق النار",
    "تلقى الرئيس عبد الفتاح السيسي اتصالا هاتفيا من الرئيس الفرنسي إيمانويل ماكرون، تناول العلاقات الثنائية وسبل تعزيز التعاون الاقتصادي بين البلدين.",
    "كما تناول الاتصال تطورات الأوضاع في قطاع غزة، حيث استعرض الرئيس الجهود المصرية المكثفة للتوصل إلى اتفاق لوقف إطلاق النار وتبادل الأسرى والمحتجزين، وإنفاذ المساعدات الإنسانية.",
    "وأكد الرئيسان ضرورة الوقف الفوري للحرب ورفض أي محاولات لتهجير الفلسطينيين من أرضهم.",
    language="ar")


@pytest.mark.parametrize("case", [TALKS_AR, TALKS_EN], ids=["talks_ar", "talks_en"])
def test_talks_coverage_is_on_topic(case):
    judgement = score_article(case)
    assert judgement.on_topic, judgement.features
    assert judgement.topic_score >= 0.8


def test_a_mediators_statement_on_the_efforts_is_on_topic():
    """Half the call is bilateral business; the other half is Egypt's mediation: on topic."""
    assert score_article(MEDIATOR_CALL_AR).on_topic


@pytest.mark.parametrize(
    "case", [WAR_REPORT_EN, WAR_REPORT_AR, FREED_HOSTAGE_EN, AID_DURING_TRUCE_EN, UKRAINE_EN, LEBANON_AR,
             SUDAN_TALKS_AR, EGYPT_OTHER_AR, IRAN_EN],
    ids=["gaza_war_report_en", "gaza_war_report_ar", "freed_hostage_story", "aid_during_truce", "ukraine_talks",
         "lebanon_talks", "sudan_talks", "egypt_phase_two", "iran_truce"])
def test_look_alikes_are_off_topic(case):
    judgement = score_article(case)
    assert not judgement.on_topic, judgement.features
    assert judgement.topic_score < default_threshold() - 0.1  # clearly, not by a hair


def test_score_does_not_depend_on_how_the_body_is_paragraphed():
    joined = dict(WAR_REPORT_EN, paragraphs=[" ".join(WAR_REPORT_EN["paragraphs"] * 3)])
    split = dict(WAR_REPORT_EN, paragraphs=WAR_REPORT_EN["paragraphs"] * 3)
    assert abs(score_article(joined).topic_score - score_article(split).topic_score) < 0.1
    assert not score_article(joined).on_topic


def test_threshold_decides_on_topic():
    score = score_article(WAR_REPORT_EN).topic_score
    assert score_article(WAR_REPORT_EN, threshold=score / 2).on_topic
    assert not score_article(WAR_REPORT_EN, threshold=min(1.0, score * 2 + 0.01)).on_topic


def test_article_without_language_is_judged_by_its_script():
    assert score_article(dict(TALKS_AR, language=None)).on_topic
    assert score_article(dict(TALKS_AR, language="en")).on_topic  # a wrong lang attribute
    assert not score_article(dict(UKRAINE_EN, language=None)).on_topic


def test_gold_articles_are_on_topic():
    """The seed and every dev article are about the talks (gold on_topic)."""
    sources = [(shared_path("seed", "000_80984a958c25eb05.txt"), "ar")]
    for meta_path in sorted(shared_path("gold", "dev").glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        assert meta["on_topic"] is True
        sources.append((shared_path(meta["source"]), meta["language"]))
    assert len(sources) == 13
    for path, language in sources:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        judgement = score_article(article(lines[0], *lines[1:], language=language))
        assert judgement.on_topic, (path.name, judgement.features)


# --- short texts before fetching -----------------------------------------------------

def test_url_slug_and_titles_are_scored():
    assert score_text("https://www.cbc.ca/news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711") > 0.5
    assert score_text("وفد حماس يصل القاهرة لاستئناف مفاوضات الهدنة") > 0.8
    assert score_text("Ukraine and Russia open ceasefire talks in Istanbul") < 0.05
    # A URL with no words cannot be judged: neither high nor low.
    assert score_text("https://www.youm7.com/story/2024/5/6/6543210") == 0.5


def test_prefetch_filter_skips_only_the_obviously_irrelevant():
    assert should_fetch("https://www.youm7.com/story/2024/5/6/6543210")  # unknown -> fetch
    assert should_fetch("Israeli strike kills 30 in Gaza")  # war news may discuss the talks
    assert should_fetch("Netanyahu convenes cabinet")
    assert should_fetch("Hamas delegation arrives in Cairo")
    assert not should_fetch("Egypt central bank raises interest rates in Cairo")  # mediator name alone
    assert not should_fetch("وزير الري يشهد توقيع عقد دراسة الخزانات الجوفية مع جامعة القاهرة")
    assert not should_fetch("Ukraine and Russia open ceasefire talks in Istanbul")
    assert not should_fetch("Champions League final: Liverpool beat Real Madrid")
    assert should_fetch("Champions League final", min_score=0.0)
