"""One construction per test, on sentences written for these tests (not from the dev set)."""

from __future__ import annotations

from crawler.claims import claims_for_text


def _one(text, lang, published="2025-03-12", **expect):
    claims = claims_for_text(text, lang, published, "t")
    assert claims, f"no claim in {text!r}"
    return claims


def _find(claims, **fields):
    for c in claims:
        if all(c.get(k) == v for k, v in fields.items()):
            return c
    raise AssertionError(f"no claim with {fields} in {[(c['speaker'], c['cue'], c['content']) for c in claims]}")


# --- Arabic -------------------------------------------------------------------------------------

def test_ar_cue_first_with_inna_and_channel():
    text = "عنوان\nوقال القيادي في حركة حماس أسامة حمدان، في مؤتمر صحفي ببيروت، إن الحركة لن تقبل باتفاق جزئي."
    c = _find(claims_for_text(text, "ar", None, "t"), cue="وقال"[1:])
    assert c["speaker"] == "القيادي في حركة حماس أسامة حمدان"
    assert c["actor"] == "hamas" and c["speaker_kind"] == "person" and c["anonymous"] is False
    assert c["content"] == "الحركة لن تقبل باتفاق جزئي"
    assert c["via"] == []  # a press conference is where it was said, not a channel (gold/README, real news)


def test_ar_chain_naqalat_and_anonymous_source():
    text = ("عنوان\nونقلت صحيفة وول ستريت جورنال عن مسؤولين مصريين قولهم إن القاهرة تعد ورقة جديدة. "
            "وأضاف المسؤولون أن الورقة تتضمن جدولا زمنيا للانسحاب.")
    claims = claims_for_text(text, "ar", None, "t")
    first = _find(claims, content="القاهرة تعد ورقة جديدة")
    assert first["speaker"] == "مسؤولين مصريين" and first["actor"] == "egypt" and first["anonymous"]
    assert first["via"] == ["صحيفة وول ستريت جورنال"]
    second = _find(claims, content="الورقة تتضمن جدولا زمنيا للانسحاب")
    assert second["actor"] == "egypt" and second["via"] == ["صحيفة وول ستريت جورنال"]  # carried over


def test_ar_according_to_before_and_after_content():
    text = ("عنوان\nووفقاً لمصادر مطلعة، فإن الجولة المقبلة ستعقد في الدوحة.\n"
            "ستصل طائرة المساعدات الأولى غدا إلى العريش، بحسب ما أعلنه الهلال الأحمر المصري.")
    claims = claims_for_text(text, "ar", "2025-03-12", "t")
    a = _find(claims, content="الجولة المقبلة ستعقد في الدوحة")
    assert a["speaker"] == "مصادر مطلعة" and a["anonymous"] and a["speaker_kind"] == "anonymous_source"
    b = _find(claims, paragraph=2)
    assert b["content"].startswith("ستصل طائرة المساعدات الأولى") and "الهلال الأحمر المصري" in b["speaker"]


def test_ar_colon_headline_and_first_person_is_direct():
    claims = claims_for_text("نتنياهو: لن نوقف الحرب قبل تحقيق أهدافنا\nنص.", "ar", None, "t")
    c = _find(claims, paragraph=0)
    assert c["speaker"] == "نتنياهو" and c["actor"] == "israel" and c["cue"] is None
    assert c["quote"] == "direct" and "headline attribution by colon" in c["note"]


def test_ar_participle_gives_implicit_speaker_and_denial_polarity():
    text = "عنوان\nونفى المتحدث باسم الخارجية القطرية أن يكون هناك خلاف مع القاهرة، مشدداً على أن الوساطة مستمرة."
    claims = claims_for_text(text, "ar", None, "t")
    denial = _find(claims, cue="نفى")
    assert denial["polarity"] == "denial" and denial["actor"] == "qatar"
    implicit = _find(claims, rule="ar.participle")
    assert implicit["speaker"] is None and implicit["actor"] == "qatar"
    assert implicit["content"] == "الوساطة مستمرة" and implicit["polarity"] == "assertion"


def test_ar_kana_qad_subject_first_and_colon_quote():
    text = "عنوان\nوكان الرئيس الأمريكي قد صرح للصحفيين أن:« الاتفاق قريب جدا ».\nالفقرة."
    c = _find(claims_for_text(text, "ar", None, "t"), rule="ar.svo_kana_qad")
    assert c["speaker"] == "الرئيس الأمريكي" and c["actor"] == "usa" and c["quote"] == "direct"
    assert c["content"] == "الاتفاق قريب جدا"


def test_ar_time_expressions_resolved_against_publication_date():
    # 2025-03-12 is a Wednesday
    text = "عنوان\nوأكد مصدر مصري أمس أن الوفد سيعود الخميس المقبل بعد لقاء عقد الأحد الماضي."
    c = _one(text, "ar")[0]
    resolved = {t["text"]: t["resolved"] for t in c["time_expressions"]}
    assert resolved["أمس"] == "2025-03-11"
    assert resolved["الخميس المقبل"] == "2025-03-13"
    assert resolved["الأحد الماضي"] == "2025-03-09"


def test_ar_hedged_claim_and_quantities():
    text = "عنوان\nوقال مسؤول فلسطيني إن الاتفاق قد يشمل الإفراج عن أكثر من 30 أسيراً خلال يومين."
    c = _one(text, "ar")[0]
    assert c["hedged"] is True
    assert "أكثر من 30 أسيراً" in c["quantities"]


# --- English -----------------------------------------------------------------------------------

def test_en_split_quote_around_the_cue_and_pronoun_coreference():
    text = ('Headline\n"We have not seen a serious answer," the Qatari diplomat told Reuters, '
            '"and time is running out." He said the next round could be postponed.')
    claims = claims_for_text(text, "en", None, "t")
    q = _find(claims, quote="direct")
    assert q["content"] == "We have not seen a serious answer" and q["content_continuation"] == "and time is running out."[:-1]
    assert q["actor"] == "qatar" and q["anonymous"] and q["via"] == ["Reuters"]
    he = _find(claims, speaker="He")
    assert he["actor"] == "qatar" and he["hedged"]


def test_en_trailing_attribution_and_according_to():
    text = ("Headline\nThe Israeli team will stay in Doha until Friday, a person briefed on the talks said.\n"
            "According to Egypt's state-run Al-Ahram, the crossing will reopen next week.")
    claims = claims_for_text(text, "en", "2025-03-12", "t")
    a = _find(claims, paragraph=1)
    assert a["content"] == "The Israeli team will stay in Doha until Friday" and a["anonymous"]
    b = _find(claims, paragraph=2)
    assert b["cue"] == "According to" and b["content"] == "the crossing will reopen next week"
    assert b["time_expressions"][0]["resolved"] == "2025-03-19"


def test_en_citing_chain_and_denial():
    text = ("Headline\nIsrael's Kan broadcaster, citing an unnamed senior official, said the army would pull back. "
            "Hamas spokesman Hazem Qassem denied that the group had received a new offer.")
    claims = claims_for_text(text, "en", None, "t")
    chain = _find(claims, cue="citing")
    assert chain["speaker"] == "an unnamed senior official" and chain["via"] and "Kan" in chain["via"][0]
    denial = _find(claims, polarity="denial")
    assert denial["actor"] == "hamas" and denial["content"] == "the group had received a new offer"


def test_en_headline_says_and_no_claim_without_a_cue():
    claims = claims_for_text("Witkoff says deal is close as talks resume\n"
                             "Negotiators met in Cairo on Monday for a second day.", "en", None, "t")
    assert [c["paragraph"] for c in claims] == [0]
    assert claims[0]["actor"] == "usa" and claims[0]["content"] == "deal is close"


# --- more constructions (each written for this test) ----------------------------------------------

def test_ar_colon_headline_with_channel_and_dateline():
    claims = claims_for_text("مسؤول قطري لـ«سكاي نيوز عربية»: المحادثات تدخل مرحلة حاسمة\n"
                             "الدوحة - قال مسؤول قطري إن المحادثات تدخل مرحلة حاسمة هذا الأسبوع.", "ar", None, "t")
    head = _find(claims, paragraph=0)
    assert head["speaker"] == "مسؤول قطري" and head["via"] == ["لـ«سكاي نيوز عربية»"] and head["actor"] == "qatar"
    body = _find(claims, paragraph=1)
    assert body["speaker"] == "مسؤول قطري" and body["content"].startswith("المحادثات تدخل")


def test_ar_nasabat_chain_and_qa_ilan_continuation():
    text = ("عنوان\nونسبت صحيفة هآرتس إلى مصدر أمني قوله إن الجيش سيبقى في المحور.\n"
            "وتابع قائلاً إن الانسحاب مرهون بالترتيبات الأمنية.")
    claims = claims_for_text(text, "ar", None, "t")
    chain = _find(claims, paragraph=1)
    assert chain["speaker"] == "مصدر أمني" and chain["via"] == ["صحيفة هآرتس"] and chain["cue"] == "نسبت"
    cont = _find(claims, paragraph=2)
    assert cont["speaker"] is None and cont["via"] == ["صحيفة هآرتس"]
    assert cont["content"] == "الانسحاب مرهون بالترتيبات الأمنية"


def test_ar_object_content_after_a_parenthetical():
    text = "عنوان\nأعلن المتحدث باسم الرئاسة المصرية، في بيان مقتضب مساء الأحد، استئناف المفاوضات في القاهرة."
    c = _one(text, "ar")[0]
    assert c["speaker"] == "المتحدث باسم الرئاسة المصرية" and c["actor"] == "egypt"
    assert c["content"] == "استئناف المفاوضات في القاهرة" and c["via"] == ["بيان مقتضب"]


def test_en_attribution_inside_the_sentence_and_citing_after_the_cue():
    text = ("Headline\nThe first phase, two officials said, would last six weeks.\n"
            "Axios reported, citing a senior U.S. official, that the envoy would travel to Doha.")
    claims = claims_for_text(text, "en", None, "t")
    split = _find(claims, paragraph=1)
    assert split["content"] == "The first phase" and split["content_continuation"] == "would last six weeks"
    cited = _find(claims, paragraph=2)
    assert cited["speaker"] == "a senior U.S. official" and cited["via"] == ["Axios"] and cited["actor"] == "usa"


def test_en_colon_quote_dateline_and_base_form_is_not_a_cue():
    text = ('Headline\nCAIRO, June 3 (Reuters) - The talks will resume next week, an Egyptian security source said.\n'
            'A Hamas spokesman told the BBC: "We are ready for a comprehensive deal."\n'
            'Mediators will need more time to confirm the final lists.')
    claims = claims_for_text(text, "en", None, "t")
    assert _find(claims, paragraph=1)["content"] == "The talks will resume next week"
    colon = _find(claims, paragraph=2)
    assert colon["quote"] == "direct" and colon["content"] == "We are ready for a comprehensive deal."[:-1]
    assert colon["via"] == ["the BBC"] and colon["actor"] == "hamas"
    assert not [c for c in claims if c["paragraph"] == 3]


def test_headline_speaker_takes_the_side_the_body_gives_it():
    claims = claims_for_text("Official says truce holds despite strikes\n"
                             "A senior Egyptian official said the truce was holding.", "en", None, "t")
    assert _find(claims, paragraph=0)["actor"] == "egypt"


def test_unsupported_language_gives_no_claims():
    assert claims_for_text("Titel\nDer Minister sagte, die Gespräche gingen weiter.", "de", None, "t") == []


def test_ar_subject_first_in_the_body_and_object_noun_after_the_cue():
    text = ("عنوان\nوالرئيس السيسي أكد في اتصال مع أمير قطر أن مصر لن تدخر جهداً.\n"
            "وأكد عدم وجود أي اتفاق نهائي حتى الآن، مشيراً إلى أن المشاورات مستمرة.")
    claims = claims_for_text(text, "ar", None, "t")
    svo = _find(claims, paragraph=1)
    assert svo["speaker"] == "الرئيس السيسي" and svo["actor"] == "egypt" and svo["content"] == "مصر لن تدخر جهداً"
    obj = _find(claims, paragraph=2, cue="أكد")
    assert obj["speaker"] is None and obj["actor"] == "egypt"  # pro-drop: the previous speaker
    assert obj["content"] == "عدم وجود أي اتفاق نهائي حتى الآن"
    assert _find(claims, paragraph=2, cue="مشيراً")["content"] == "المشاورات مستمرة"


def test_colon_label_is_not_a_speaker():
    assert claims_for_text("حوار: الكاتبة والروائية تتحدث عن روايتها الجديدة\nنص الحوار.", "ar", None, "t") == []


def test_en_inverted_and_sentence_final_attribution_own_the_sentence():
    text = ("Headline\nThe group will not hand over its weapons, said Basem Naim, a member of the Hamas politburo.\n"
            "Israel has rejected the latest draft, a spokesman for the foreign ministry said on Monday.")
    claims = claims_for_text(text, "en", None, "t")
    inverted = _find(claims, paragraph=1)
    assert inverted["speaker"].startswith("Basem Naim") and inverted["actor"] == "hamas" and not inverted["anonymous"]
    assert inverted["content"] == "The group will not hand over its weapons"
    [owner] = [c for c in claims if c["paragraph"] == 2]  # "rejected" is the content's verb, not a second claim
    assert owner["speaker"] == "a spokesman for the foreign ministry" and owner["anonymous"]
    assert owner["content"] == "Israel has rejected the latest draft"


def test_en_quote_then_participle_and_coordinated_subjects():
    text = ('Headline\n"The gaps are small," Witkoff told CNN on Friday, adding that a deal could come within days.\n'
            "Egyptian Foreign Minister Badr Abdelatty and his Turkish counterpart said the truce must hold.")
    claims = claims_for_text(text, "en", None, "t")
    quote = _find(claims, paragraph=1, quote="direct")
    adding = _find(claims, paragraph=1, cue="adding")
    assert quote["via"] == adding["via"] == ["CNN"] and adding["actor"] == "usa" and adding["hedged"]
    joint = _find(claims, paragraph=2)
    assert joint["speaker"] == "Egyptian Foreign Minister Badr Abdelatty and his Turkish counterpart"


def test_ar_media_coreference_and_surname_keeps_the_channel():
    text = ('عنوان\nذكرت صحيفة هآرتس أن الوفد سيغادر الليلة.\nووفق الصحيفة، فإن رئيس الموساد سيرأس الوفد.\n'
            'وقال عضو المكتب السياسي لحماس حسام بدران لـ"العربي الجديد" إن الحركة جاهزة.\n'
            'وأشار بدران إلى أن الرد سيسلم خلال يومين.')
    claims = claims_for_text(text, "ar", None, "t")
    assert _find(claims, paragraph=2)["actor"] == "haaretz"  # الصحيفة -> the last medium
    assert _find(claims, paragraph=3)["via"] == ['لـ"العربي الجديد"']
    assert _find(claims, paragraph=4)["via"] == ['لـ"العربي الجديد"']  # same person, next paragraph


def test_nested_according_to_and_quoted_nothing():
    ar = "عنوان\nوحسب الوكالة، شدد وزير الخارجية المصري على رفض أي تهجير للفلسطينيين."
    c = _find(claims_for_text(ar, "ar", None, "t"), paragraph=1)
    assert c["speaker"] == "وزير الخارجية المصري" and c["via"] == ["الوكالة"] and c["actor"] == "egypt"
    en = ('Headline\nA Hamas official told the state-run Al-Aqsa TV channel that "nothing has been agreed yet."\n'
          "The spokesman said nothing about the timing.")
    claims = claims_for_text(en, "en", None, "t")
    told = _find(claims, paragraph=1)
    assert told["content"] == "nothing has been agreed yet" and told["quote"] == "direct"
    assert told["via"] == ["the state-run Al-Aqsa TV channel"]
    assert not [c for c in claims if c["paragraph"] == 2]  # "said nothing about": no claim


def test_claim_noun_before_speaker_and_participle_subject_with_a_name():
    en = "Headline\nStrikes hit a school sheltering displaced families, killing 12 people — a claim the army denies."
    c = _find(claims_for_text(en, "en", None, "t"), paragraph=1)
    assert c["speaker"] == "the army" and c["polarity"] == "denial"
    assert c["content"] == "Strikes hit a school sheltering displaced families, killing 12 people"
    ar = 'عنوان\nوعلق القيادي في حماس محمود مرداوي على التصريحات الإسرائيلية قائلاً: "هذه أكاذيب مكشوفة".'
    c = _find(claims_for_text(ar, "ar", None, "t"), paragraph=1)
    assert c["speaker"] == "القيادي في حماس محمود مرداوي" and c["quote"] == "direct"
