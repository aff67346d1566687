#!/usr/bin/env python3
"""Build gazetteers/entities/actors_up.tsv from the UniversalPetrarch Arabic actor dictionary.

Sources (all MIT, Open Event Data Alliance):
  * universal-petrarch-arabic/actor_dict_ar_v4.txt  -- Arabic names (machine-built, lemmatized, noisy)
  * universal-petrarch-arabic/agents.all.ar.txt     -- generic agent nouns (used as a common-word stoplist)
  * petrarch2-english/Phoenix.{Countries,International,MilNonState}.actors.txt -- English names,
    CAMEO codes and role date ranges, joined to the Arabic names by a consonant-skeleton key.

Optional validation corpus (--corpus, default ../shared/corpus/saudinewsnet.jsonl.gz if present):
only used to test whether a candidate Arabic form occurs in real news text, and to repair lemmatized
forms whose articles were stripped (e.g. "أنور سادات" -> "أنور السادات"). No corpus text is written out.

Usage:
  python3 tools/build_actors.py [--shared ../shared] [--corpus PATH|none] [--out gazetteers/entities/actors_up.tsv]
                                [--curated gazetteers/entities/actors_curated.tsv] [--report PATH]

The output is deterministic for given inputs.
"""
import argparse
import collections
import gzip
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# --------------------------------------------------------------------------------------------
# Arabic normalization (lookup keys only; written forms keep their spelling)
# --------------------------------------------------------------------------------------------
HARAKAT = re.compile('[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]')
ARABIC_LETTERS = re.compile('^[\u0621-\u064a\u0671-\u06d3]+$')


def norm(s):
    s = HARAKAT.sub('', s)
    s = re.sub('[أإآٱ]', 'ا', s)
    s = s.replace('ى', 'ي').replace('ة', 'ه').replace('ؤ', 'و').replace('ئ', 'ي')
    s = re.sub(r'\s+', ' ', s).strip()
    # "عبد الله" and "عبدالله" are the same name
    s = re.sub(r'\bعبد ال', 'عبدال', s)
    s = re.sub(r'(^| )عبد ال', r'\1عبدال', s)
    return s


def clean_written(s):
    """Written form: drop the superscript alef / harakat / tatweel only."""
    return HARAKAT.sub('', s)


# --------------------------------------------------------------------------------------------
# Lexicons (hand-written, small): titles, organization head nouns, given names, common words
# --------------------------------------------------------------------------------------------
TITLE_TOKENS = set('''
رئيس رئيسة وزير وزيرة نائب ملك ملكة أمير أميرة شيخ شيخة دكتور دكتورة جنرال لواء عقيد عميد ركن طيار فريق
مشير عماد رائد نقيب ملازم مقدم أدميرال سفير سفيرة مستشار مستشارة قائد إمام أمام سيد سيدة حاخام بابا عاهل
مفتي قاضي مدير مديرة أمين_عام سلطان سلطانة مبعوث مبعوثة زعيم زعيمة مرشد آية_الله أية حجة_الإسلام الرئيس
الملك الأمير الشيخ الدكتور السيد الجنرال الإمام المفتي مسؤول متحدث ناطق مندوب مفوض محافظ والي عضو نجل ابن
ولي عهد بطريرك كاردينال أسقف مطران القس قس الحاج حاج أستاذ بروفيسور مهندس المهندس المحامي محامي
'''.split())
# tokens that start an organization name
ORG_HEADS = set('''
حركة حزب منظمة جبهة جيش قوة قوات وزارة مجلس هيئة جماعة جمعية اتحاد شركة وكالة صحيفة مؤسسة بنك صندوق محكمة
جامعة برلمان لجنة تنظيم كتائب كتيبة ألوية لواء سرايا مركز ائتلاف تحالف قناة إذاعة مجموعة مكتب مفوضية منتدى
رابطة نقابة تجمع تيار كتلة حكومة إدارة جهاز شرطة مديرية سلطة ديوان بعثة مصرف معهد مستشفى أكاديمية مدرسة
الحزب الحركة المنظمة الجبهة الجيش القوات الوزارة المجلس الهيئة الجماعة الاتحاد الشركة الوكالة الصحيفة
المؤسسة البنك الصندوق المحكمة الجامعة البرلمان اللجنة التنظيم الكونغرس الكونجرس الائتلاف التحالف
ميليشيا مليشيا ميليشيات مليشيات فيلق الفيلق حرس الحرس حلف الحلف نادي النادي
'''.split())
# given names: a token in this list is never treated as a common word
GIVEN = set('''
محمد أحمد محمود مصطفى علي عمر عثمان حسن حسين حسني خالد سعد سعيد سعود سلمان سلطان فهد فيصل عبد عبدالله
عبدالرحمن عبدالعزيز إبراهيم اسماعيل إسماعيل يوسف يونس موسى عيسى داود سليمان يحيى زكريا إلياس الياس
جمال كمال عادل نبيل سمير منير فؤاد أمين أمين رياض رفيق رشيد طارق هشام وليد ماجد نايف بندر تركي مشعل
نواف منصور ناصر صالح صلاح فاروق فاروق نجيب حبيب لطفي رضا جواد كاظم هادي مهدي نوري جلال عمار ياسر
أنور أنيس بشار حافظ رامي ماهر باسل بشير بشرى ليلى فاطمة عائشة مريم زينب هدى سوزان نادية سهى رنا
جورج ميشال ميشيل بيار بيير جان جوزيف إميل اميل شارل سليم نجيب إيلي الياس مارون فريد أديب نبيه سامي
غسان وائل أيمن أسامة حمزة عباس قاسم جعفر كريم نعيم حامد حميد مجيد رشاد إياد اياد نزار زياد فراس
معاذ أيوب شريف عزيز عزت رؤوف رءوف مراد نور هاني عماد عصام بسام هيثم مازن قيس عدنان سفيان زهير
جبران نصر نصري توفيق شفيق صبحي فتحي حمدي مجدي رمزي رامز سمعان عوض عواد خليل خليفة مختار مبارك
أمير عامر عمرو تامر ثامر حاتم حازم منذر رائد رعد شاكر ضياء عمار سلام سالم مسلم حسام بهاء
'''.split())
# words that make a multi-token "name" generic or a lemma phrase (nouns, adjectives, function words)
COMMON = set('''
مسؤول سياسي مسؤولة قوة قوات أمن شرطة جيش عسكري جندي ضابط حرس حدود حكومة حكومي دولة دولي وطني قومي
عام عامة خاص خاصة أعلى أعلي عليا أول ثاني ثالث أرض منطقة مدينة عاصمة إقليم ولاية محافظة حي قرية شعب
مواطن ساكن محلي أجنبي خارجي داخلي داخلية خارجية دفاع مالية اقتصاد عدل تربية تعليم صحة نفط طاقة عمل
حق إنسان مجتمع مدني مسلح مسلحة متمرد معارضة معارض مقاتل ميليشيا طالب عامل فلاح تاجر رجل امرأة أعمال
مجهول آخر أخرى جديد قديم كبير صغير طويل قصير فصل كل بعض هذا هذه ذلك التي الذي الذين في من إلى على عن
مع أو ثم قد لم لن إن أن كان يكون هو هي هم وزارة مجلس رئيس وزير نائب سفارة سفير مكتب إدارة مدير موقع
إعلام صحيفة صحافي صحفي وكالة قناة مصدر مصادر بيان تقرير مؤتمر اجتماع قمة اتفاق معاهدة مشروع برنامج
خادم حرمان شريف شريفين الحرمين مراقب مبعوث ممثل زعيم قائد عضو أعضاء سلطة نظام ثورة ثوري إسلامي
إرهابي جهادي انفصالي متطرف أصولي شيعي سني مسيحي يهودي كردي عربي أجانب قبيلة عشيرة أسرة عائلة بيت
مؤسسة شركة بنك جامعة مدرسة مستشفى مطار ميناء قاعدة معسكر سجن محكمة قاض نيابة ادعاء تحقيق
سابق السابق سابقة أسبق الأسبق حالي الحالي متحد متحدة أمة شأن شؤون مغترب مغتربين أخ أخت إطار تأثير مهيمن شب
ساسة تايمز نيوز بوست فنان فنانة جنوب شمال شرق غرب صليب ووتش رؤية ظرف مستشارة تلفزيون مجلة جريدة يونايتد كوربوريشن ملا الملا
'''.split())
# common non-Arabic given names as spelled in Arabic news (a first token from this list makes a
# two-token sequence a plausible person name even when the corpus does not attest it)
FOREIGN_GIVEN = set('''
جون جورج ديفيد دافيد مايكل مايك بيتر روبرت ريتشارد توماس توم وليام ويليام جيمس جيم تشارلز دونالد باراك
هيلاري كوندوليزا كولن كولين ديك جو جوزيف بول بيل ستيفن ستيف مارك مارتن كريستوفر أندرو اندرو أندريه
فلاديمير سيرغي سيرجي ديمتري ميخائيل بوريس إيغور ايغور يوري الكسندر ألكسندر أليكسي نيكولاي ايفان إيفان
فرانسوا فرانسوا نيكولا جاك لوران لوران ايمانويل إيمانويل دومينيك ميشيل ميشال آلان الان جان فيليب بيار
أنجيلا انجيلا غيرهارد هيلموت هورست فرانك فالتر كلاوس يوشكا فولفغانغ أولاف اولاف توني غوردون ديفيد تيريزا
بوريس كير كيير سيلفيو ماتيو ماريو رومانو فرانكو جوزيه خوسيه ماريانو خوان كارلوس لويس بيدرو
هوغو نيكولاس لولا ديلما ميشيل كريستينا شينزو شي لي هو وين ناريندرا مانموهان نواز عمران برويز
آرييل ارييل ايهود إيهود بنيامين شمعون يتسحاق اسحق إسحق تسيبي افيغدور أفيغدور موشيه نفتالي يائير بيني
رجب احمد عبد أكمل مولود أحمد بن داود علي سليمان كنعان تشاك هيغ ليون أشتون كاثرين فيديريكا جوزيب
بان كوفي انطونيو أنطونيو ستافان ستيفان غير جير الأخضر لخضر كيم ميلوش سلوبودان فويسلاف
أرنولد ارنولد أرييل فريد هنري هانز ولفغانغ يوهان يان جوزف انطوان أنطوان انطونيو
'''.split())  # construct heads are indefinite: "حركة حماس"

# CAMEO sector codes (second triple of a code)
SECTORS = set('''GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG HLH HRI REF NGO IGO ELI LAB AGR ENV DEV
REL RAD MOD UAF INS SEP AMN MNC IMG UNO'''.split())
TRANSNATIONAL = {'IGO', 'NGO', 'IMG', 'MNC', 'INT'}

DIVINE = set('''رحمن رحيم عزيز كريم غني لطيف حميد مجيد قادر قدير سلام حليم حكيم علي عليم رزاق وهاب ستار جبار
باري خالق مالك ملك واحد صمد فتاح رؤوف رءوف حي قيوم هادي ناصر منعم معطي حفيظ جليل باسط واسع ودود شكور
محسن منان قهار غفور غفار تواب مؤمن مهيمن متعال أمير إله اله'''.split())


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------
def parse_date(s):
    """CAMEO dictionary dates: YYYYMMDD or YYMMDD (19xx if > 30). Returns 'YYYY-MM-DD' or None."""
    s = s.strip()
    if not re.fullmatch(r'\d{6}|\d{8}', s):
        return None
    if len(s) == 6:
        yy = int(s[:2])
        s = ('19' if yy > 30 else '20') + s
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    if (y, m, d) == (1970, 1, 1):
        return None  # placeholder date in the Arabic dictionary
    if y == 1800 or y < 1900 or y > 2030 or not (1 <= m <= 12) or not (1 <= d <= 31):
        return None  # 18000101 = open end; 22000101 and the like are garbage
    return '%04d-%02d-%02d' % (y, m, d)


def parse_code(txt):
    """'IRQGOV 20101221-20140908' / 'SYRGOV >20000717' / 'TUR' -> (code, start, end) or None."""
    txt = txt.strip()
    m = re.match(r'^([A-Z?~\-]*)\s*(.*)$', txt)
    code, rest = m.group(1).strip('?~-'), m.group(2).strip()
    if not re.fullmatch(r'[A-Z]{3,15}', code or ''):
        return None
    start = end = None
    rest = rest.replace(' ', '')
    if rest.startswith('>'):
        start = parse_date(rest[1:])
    elif rest.startswith('<'):
        end = parse_date(rest[1:])
    elif '-' in rest:
        a, b = rest.split('-', 1)
        start, end = parse_date(a), parse_date(b)
        if start and end and end < start:
            start = end = None  # inconsistent range in the source
    return code, start, end


def parse_up(path):
    ents = collections.OrderedDict()
    cur = None
    for raw in open(path, encoding='utf-8'):
        raw = raw.rstrip('\n')
        s = raw.strip()
        if not s or s.startswith('#'):
            continue
        if s.startswith('[') and raw[:1].isspace():
            if cur is not None:
                for c in re.findall(r'\[([^\]]*)\]', s):
                    ents[cur].append(c)
            continue
        m = re.match(r'^(.*?)\s*((?:\[[^\]]*\]\s*)*)$', s)
        cur = m.group(1).strip()
        ents.setdefault(cur, [])
        ents[cur].extend(re.findall(r'\[([^\]]*)\]', m.group(2) or ''))
    return ents


def parse_phoenix(path, source):
    """Returns a list of dicts {names:[...], codes:[(code,start,end)], person:bool, source}."""
    out = []
    cur = None

    def flush():
        if cur and cur['names']:
            out.append(cur)

    for raw in open(path, encoding='utf-8', errors='replace'):
        line = raw.rstrip('\n')
        body = line.split('#', 1)[0]
        comment = line.split('#', 1)[1] if '#' in line else ''
        s = body.strip()
        if not s:
            if not line.strip():
                flush()
                cur = None
            continue
        if s.startswith('[') and line[:1].isspace():
            if cur is not None:
                for c in re.findall(r'\[([^\]]*)\]', s):
                    pc = parse_code(c)
                    if pc:
                        cur['codes'].append(pc)
            continue
        if s.startswith('+'):
            if cur is not None:
                nm = re.sub(r'\[.*', '', s[1:]).strip()
                if nm:
                    cur['names'].append(nm)
                for c in re.findall(r'\[([^\]]*)\]', s):
                    pc = parse_code(c)
                    if pc:
                        cur['codes'].append(pc)
            continue
        if s.startswith('!') or s.startswith('<') or s.startswith('{'):
            continue
        flush()
        nm = re.sub(r'\[.*', '', s).strip()
        cur = {'names': [nm] if nm else [], 'codes': [], 'source': source,
               'countryinfo': 'CountryInfo' in comment}
        for c in re.findall(r'\[([^\]]*)\]', s):
            pc = parse_code(c)
            if pc:
                cur['codes'].append(pc)
    flush()
    return out


# --------------------------------------------------------------------------------------------
# Consonant skeletons for the Arabic <-> Latin join
# --------------------------------------------------------------------------------------------
AR_SKEL = {
    'ب': 'B', 'ت': 'T', 'ط': 'T', 'ث': 'S', 'س': 'S', 'ص': 'S', 'ش': 'S', 'ج': 'J', 'غ': 'J', 'خ': 'K',
    'د': 'D', 'ض': 'D', 'ذ': 'Z', 'ز': 'Z', 'ظ': 'Z', 'ر': 'R', 'ف': 'F', 'ڤ': 'F', 'ق': 'K', 'ك': 'K',
    'ل': 'L', 'م': 'M', 'ن': 'N', 'پ': 'B', 'چ': 'S', 'گ': 'J',
}


def skel_ar(s):
    s = norm(s)
    out = []
    for ch in s:
        out.append(AR_SKEL.get(ch, ''))
    k = ''.join(out)
    return re.sub(r'(.)\1+', r'\1', k)


def skel_lat(s):
    s = unicodedata.normalize('NFKD', s.upper())
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r'[^A-Z]+', ' ', s)
    toks = s.split()
    # article: AL / EL / UL as separate tokens or fused ABDUL, ABDEL
    s = ' '.join(toks)
    s = re.sub(r'\b(AL|EL|UL)\b', 'L', s)
    s = s.replace(' ', '')
    s = s.replace('TCH', 'S').replace('SCH', 'S').replace('CH', 'S').replace('SH', 'S').replace('KH', 'K')
    s = s.replace('TH', 'T').replace('DH', 'D').replace('GH', 'J').replace('PH', 'F').replace('X', 'KS')
    tr = str.maketrans({'Q': 'K', 'C': 'K', 'G': 'J', 'V': 'F', 'P': 'B', 'A': None, 'E': None, 'I': None,
                        'O': None, 'U': None, 'Y': None, 'W': None, 'H': None})
    s = s.translate(tr)
    return re.sub(r'(.)\1+', r'\1', s)


# --------------------------------------------------------------------------------------------
# English name formatting and transliteration fallback
# --------------------------------------------------------------------------------------------
LOWER_PARTICLES = {'BIN', 'BEN', 'IBN', 'BINT', 'DE', 'DA', 'DI', 'VAN', 'VON', 'DER', 'LA', 'LE', 'DU', 'DOS', 'OF', 'THE', 'AND', 'FOR'}
ACRONYM = re.compile(r'^[A-Z]{2,5}$')


def english_name(raw):
    toks = [t for t in re.split(r'[_\s]+', raw.strip('_ ')) if t]
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ('AL', 'EL') and i + 1 < len(toks):
            out.append(t.lower() + '-' + cap(toks[i + 1]))
            i += 2
            continue
        if re.match(r'^(AL|EL)-', t):
            out.append(t[:2].lower() + '-' + cap(t[3:]))
        elif t in LOWER_PARTICLES and out:
            out.append(t.lower())
        elif re.fullmatch(r'\(?[A-Z]{2,6}\)?', t) and t.strip('()') in ('UN', 'EU', 'US', 'USA', 'NATO', 'OPEC', 'PLO', 'PKK', 'ISIS', 'ISIL', 'IAEA', 'AU'):
            out.append(t)
        else:
            out.append(cap(t))
        i += 1
    name = ' '.join(out)
    name = re.sub(r'\s*\((?:[A-Z]{2,8})\)\s*', ' ', name).strip()
    return name


def cap(t):
    return '-'.join(p[:1].upper() + p[1:].lower() for p in t.split('-'))


TRANSLIT = {
    'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ء': '', 'ؤ': 'u', 'ئ': 'i', 'ب': 'b', 'ت': 't', 'ث': 'th',
    'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z', 'س': 's', 'ش': 'sh', 'ص': 's',
    'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': "'", 'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ك': 'k', 'ل': 'l', 'م': 'm',
    'ن': 'n', 'ه': 'h', 'و': 'w', 'ي': 'y', 'ى': 'a', 'ة': 'a', 'پ': 'p', 'چ': 'ch', 'ڤ': 'v', 'گ': 'g',
}
# hand-written transliterations of frequent name tokens (used before the rule-based fallback)
GLOSSARY = {
    'عبد': 'Abd',
    'بن': 'bin',
    'محمد': 'Mohammed',
    'الله': 'Allah',
    'أحمد': 'Ahmed',
    'وزارة': 'Wizarat',
    'العزيز': 'al-Aziz',
    'علي': 'Ali',
    'خالد': 'Khalid',
    'جامعة': 'Jamiat',
    'حزب': 'Hizb',
    'ابو': 'Abu',
    'أبو': 'Abu',
    'آل': 'Al',
    'محمود': 'Mahmoud',
    'الخارجية': 'al-Kharijiya',
    'سعود': 'Saud',
    'حكومة': 'Hukumat',
    'حسن': 'Hassan',
    'صالح': 'Saleh',
    'تركي': 'Turki',
    'ولد': 'Ould',
    'منظمة': 'Munazzamat',
    'يوسف': 'Youssef',
    'ناصر': 'Nasser',
    'مجلس': 'Majlis',
    'فيصل': 'Faisal',
    'فهد': 'Fahd',
    'الرحمن': 'al-Rahman',
    'يحيى': 'Yahya',
    'مصطفى': 'Mustafa',
    'طارق': 'Tariq',
    'سلطان': 'Sultan',
    'زايد': 'Zayed',
    'خليفة': 'Khalifa',
    'حسين': 'Hussein',
    'جون': 'John',
    'الدفاع': 'al-Difa',
    'الأميركية': 'al-Amrikiya',
    'أمير': 'Amir',
    'نهيان': 'Nahyan',
    'نصر': 'Nasr',
    'ميغيل': 'Miguel',
    'مبارك': 'Mubarak',
    'مايكل': 'Michael',
    'قاسم': 'Qasim',
    'سمير': 'Samir',
    'سعيد': 'Said',
    'راشد': 'Rashid',
    'حميد': 'Hamid',
    'حركة': 'Harakat',
    'جورج': 'George',
    'جمال': 'Jamal',
    'بيتر': 'Peter',
    'الوطني': 'al-Watani',
    'السعودية': 'al-Saudiya',
    'الداخلية': 'al-Dakhiliya',
    'وليد': 'Walid',
    'وكالة': 'Wakalat',
    'نور': 'Nour',
    'نبيل': 'Nabil',
    'نايف': 'Nayef',
    'مهدي': 'Mahdi',
    'منصور': 'Mansour',
    'مشعل': 'Mishal',
    'لويس': 'Luis',
    'فؤاد': 'Fouad',
    'عمر': 'Omar',
    'عمار': 'Ammar',
    'صحيفة': 'Sahifat',
    'صباح': 'Sabah',
    'سعد': 'Saad',
    'رضا': 'Reza',
    'بندر': 'Bandar',
    'المجيد': 'al-Majid',
    'المؤتمر': 'al-Mutamar',
    'الكريم': 'al-Karim',
    'الفيصل': 'al-Faisal',
    'الدين': 'al-Din',
    'الدولية': 'al-Dawliya',
    'الحريري': 'al-Hariri',
    'إبراهيم': 'Ibrahim',
    'ابراهيم': 'Ibrahim',
    'ميشيل': 'Michel',
    'ميشال': 'Michel',
    'موسى': 'Musa',
    'مؤسسة': 'Muassasat',
    'فتحي': 'Fathi',
    'عزيز': 'Aziz',
    'عباس': 'Abbas',
    'شمعون': 'Shimon',
    'سوزان': 'Susan',
    'سلمان': 'Salman',
    'زيد': 'Zaid',
    'روبرت': 'Robert',
    'رفيق': 'Rafiq',
    'رشيد': 'Rashid',
    'دبي': 'Dubai',
    'خوسيه': 'Jose',
    'خامنئي': 'Khamenei',
    'حمد': 'Hamad',
    'حلف': 'Hilf',
    'جميل': 'Jamil',
    'جان': 'Jean',
    'بول': 'Paul',
    'بارزاني': 'Barzani',
    'النقد': 'al-Naqd',
    'الملك': 'al-Malik',
    'المالكي': 'al-Maliki',
    'السعودي': 'al-Saudi',
    'الحسيني': 'al-Husseini',
    'الأطلسي': 'al-Atlasi',
    'هنية': 'Haniyeh',
    'هادي': 'Hadi',
    'نجاد': 'Nejad',
    'ميخائيل': 'Mikhail',
    'لحود': 'Lahoud',
    'كارلوس': 'Carlos',
    'قوة': 'Quwwat',
    'فارس': 'Fares',
    'غول': 'Gul',
    'غسان': 'Ghassan',
    'غازي': 'Ghazi',
    'عون': 'Aoun',
    'عوض': 'Awad',
    'عمرو': 'Amr',
    'عدي': 'Uday',
    'عثمان': 'Othman',
    'عاكف': 'Akef',
    'طيب': 'Tayyip',
    'طاهر': 'Taher',
    'صبحي': 'Subhi',
    'شارل': 'Charles',
    'سيف': 'Saif',
    'سيدي': 'Sidi',
    'سليم': 'Salim',
    'ستيفن': 'Stephen',
    'سامي': 'Sami',
    'زيادة': 'Ziadeh',
    'زكي': 'Zaki',
    'ريتشارد': 'Richard',
    'رمضان': 'Ramadan',
    'رعد': 'Raad',
    'رجب': 'Recep',
    'رايس': 'Rice',
    'ديفيد': 'David',
    'خوان': 'Juan',
    'خان': 'Khan',
    'حمود': 'Hamoud',
    'حسني': 'Hosni',
    'حبيب': 'Habib',
    'حافظ': 'Hafez',
    'جلال': 'Jalal',
    'جوزيف': 'Joseph',
    'جو': 'Joe',
    'توني': 'Tony',
    'توماس': 'Thomas',
    'توم': 'Tom',
    'بنك': 'Bank',
    'انخيل': 'Angel',
    'انخل': 'Angel',
    'القذافي': 'al-Qaddafi',
    'القحطاني': 'al-Qahtani',
    'الفلسطينية': 'al-Filastiniya',
    'الفرنسية': 'al-Faransiya',
    'العربية': 'al-Arabiya',
    'العراقية': 'al-Iraqiya',
    'العالمية': 'al-Alamiya',
    'الصحة': 'al-Sihha',
    'الشورى': 'al-Shura',
    'السنيورة': 'al-Siniora',
    'السادات': 'al-Sadat',
    'الروسية': 'al-Rusiya',
    'الدولي': 'al-Dawli',
    'الحسين': 'al-Hussein',
    'التعاون': 'al-Taawun',
    'التحرير': 'al-Tahrir',
    'التجارة': 'al-Tijara',
    'البشير': 'al-Bashir',
    'البرغوثي': 'al-Barghouti',
    'الإسلامي': 'al-Islami',
    'الإسلامية': 'al-Islamiya',
    'الإسرائيلية': 'al-Israiliya',
    'الأمن': 'al-Amn',
    'الأحمر': 'al-Ahmar',
    'اسحق': 'Yitzhak',
    'إسحق': 'Yitzhak',
    'إيهود': 'Ehud',
    'إميل': 'Emile',
    'إسكندر': 'Iskandar',
    'إدارة': 'Idarat',
    'أنتوني': 'Anthony',
    'اردوغان': 'Erdogan',
    'أردوغان': 'Erdogan',
    'المصرية': 'al-Misriya',
    'البريطانية': 'al-Baritaniya',
    'العراقي': 'al-Iraqi',
    'المصري': 'al-Masri',
    'الوطنية': 'al-Wataniya',
    'الشعبي': 'al-Shaabi',
    'جبهة': 'Jabhat',
    'مروان': 'Marwan',
    'الأحمد': 'al-Ahmad',
    'عزام': 'Azzam',
    'غابي': 'Gabi',
    'حنان': 'Hanan',
    'عشراوي': 'Ashrawi',
    'رامي': 'Rami',
    'بهية': 'Bahia',
    'الزعبي': 'al-Zoubi',
    'معمر': 'Muammar',
    'أسامة': 'Osama',
    'لادن': 'Laden',
    'هاشم': 'Hashim',
    'الهاشمي': 'al-Hashimi',
    'الصدر': 'al-Sadr',
    'مقتدى': 'Muqtada',
    'عادل': 'Adel',
    'كمال': 'Kamal',
    'أنور': 'Anwar',
    'رياض': 'Riad',
    'جعفر': 'Jaafar',
    'كاظم': 'Kadhim',
    'جواد': 'Jawad',
    'الجعفري': 'al-Jaafari',
    'نوري': 'Nouri',
    'الطالباني': 'al-Talabani',
    'طالباني': 'Talabani',
    'عيسى': 'Isa',
    'أمين': 'Amin',
    'فاروق': 'Farouk',
    'الشرع': 'al-Sharaa',
    'المعلم': 'al-Muallem',
    'بشار': 'Bashar',
    'الأسد': 'al-Assad',
    'إسماعيل': 'Ismail',
    'اسماعيل': 'Ismail',
    'زياد': 'Ziad',
}
GLOSSARY_N = {}

VOWELISH = {'و': 'u', 'ي': 'i', 'ا': 'a', 'ى': 'a'}


def translit_token(tok):
    """Rough readable transliteration: consonants, long vowels, and an 'a' to break clusters."""
    tok = clean_written(tok)
    pre = ''
    if tok.startswith('ال') and len(tok) > 3:
        pre, tok = 'al-', tok[2:]
    units = []  # (latin, is_vowel)
    for i, ch in enumerate(tok):
        if ch in 'وي' and i > 0 and tok[i - 1] not in 'اويىأإآ':
            units.append((VOWELISH[ch], True))
        elif ch in 'اىأإآة':
            units.append((TRANSLIT.get(ch, 'a') or 'a', True))
        elif ch in 'ءؤئع':
            units.append(('a', True) if ch == 'ع' else (TRANSLIT[ch], bool(TRANSLIT[ch])))
        else:
            units.append((TRANSLIT.get(ch, ''), False))
    out, run = [], 0
    for lat, vow in units:
        if not lat:
            continue
        if not vow:
            run += 1
            if run >= 2 and out and not (len(out) >= 2 and out[-2] == 'a'):
                out.insert(len(out), 'a') if run >= 3 else None
        else:
            run = 0
        out.append(lat)
    w = ''.join(out)
    if not re.search('[aeiou]', w) and len(w) > 1:
        w = w[0] + 'a' + w[1:]
    w = re.sub(r'aa+', 'a', w).replace('ai', 'ai')
    return pre + (w[:1].upper() + w[1:])


def translit(name_ar, learned):
    if not GLOSSARY_N:
        GLOSSARY_N.update({norm(k): v for k, v in GLOSSARY.items()})
    out = []
    for t in name_ar.split():
        k = norm(t)
        if k in GLOSSARY_N:
            out.append(GLOSSARY_N[k])
        elif k in learned:
            out.append(learned[k])
        else:
            out.append(translit_token(t))
    return ' '.join(out)


def slugify(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r'[^a-z0-9]+', '-', s).strip('-')
    return s or 'x'


# --------------------------------------------------------------------------------------------
# Corpus n-gram index
# --------------------------------------------------------------------------------------------
PROCLITIC = re.compile(r'^(?:و|ف)?(?:ب|ل|ك)?(?=..)')


def corpus_tokens(text):
    text = norm(text)
    return re.findall(r'[\u0621-\u064a]+', text)


def strip_clitics(t):
    if t.startswith('لل') and len(t) > 4:
        return 'ال' + t[2:]
    for p in ('وبال', 'وال', 'بال', 'فال', 'كال', 'ولل'):
        if t.startswith(p) and len(t) > len(p) + 2:
            return 'ال' + t[len(p):] if p != 'ولل' else 'ال' + t[3:]
    if t[:1] in 'وفبل' and len(t) > 3:
        return t[1:]
    return t


class Corpus:
    def __init__(self, path, candidates, maxn=6):
        self.counts = collections.Counter()
        self.tok = collections.Counter()
        firsts = set(c[0] for c in candidates)
        self.available = bool(path and os.path.exists(path))
        if not self.available:
            return
        with gzip.open(path, 'rt', encoding='utf-8') as f:
            for line in f:
                try:
                    d = json.loads(line)
                except ValueError:
                    continue
                toks = corpus_tokens((d.get('title') or '') + ' . ' + (d.get('text') or ''))
                # join "عبد ال..." as in norm()
                joined = []
                i = 0
                while i < len(toks):
                    if toks[i] == 'عبد' and i + 1 < len(toks) and toks[i + 1].startswith('ال'):
                        joined.append('عبد' + toks[i + 1])
                        i += 2
                    else:
                        joined.append(toks[i])
                        i += 1
                toks = joined
                n = len(toks)
                for i, t in enumerate(toks):
                    st = strip_clitics(t)
                    self.tok[t] += 1
                    for first in {t, st}:
                        if first in firsts:
                            for k in range(2, maxn + 1):
                                if i + k > n:
                                    break
                                self.counts[(first,) + tuple(toks[i + 1:i + k])] += 1

    def count(self, tokens):
        if len(tokens) == 1:
            return self.tok.get(tokens[0], 0)
        return self.counts.get(tuple(tokens), 0)


# --------------------------------------------------------------------------------------------
# Main build
# --------------------------------------------------------------------------------------------
def load_curated_aliases(path):
    keys, ids = set(), set()
    if not path or not os.path.exists(path):
        return keys, ids
    header = None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        cells = line.split('\t')
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        ids.add(row.get('id', ''))
        for a in (row.get('aliases', '') + '|' + row.get('name_ar', '')).split('|'):
            if a.strip() and re.search('[\u0600-\u06ff]', a):
                keys.add(norm(a))
    return keys, ids


def code_parts(code, countries):
    c3 = code[:3]
    country = c3 if c3 in countries else ''
    rest = code[3:] if (country or c3 in TRANSNATIONAL) else code
    sector = ''
    if c3 in TRANSNATIONAL and not rest[:3] in SECTORS:
        sector = c3 if c3 != 'INT' else ''
    for i in range(0, len(rest), 3):
        if rest[i:i + 3] in SECTORS:
            sector = rest[i:i + 3]
            break
    if c3 == 'IGO' and not sector:
        sector = 'IGO'
    if c3 == 'IMG':
        sector = 'REB' if not sector or sector == 'IMG' else sector
    return country, sector


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(ROOT), 'shared'))
    ap.add_argument('--corpus', default=None, help="news corpus (jsonl.gz) used for validation; 'none' to disable")
    ap.add_argument('--out', default=os.path.join(ROOT, 'gazetteers', 'entities', 'actors_up.tsv'))
    ap.add_argument('--curated', default=os.path.join(ROOT, 'gazetteers', 'entities', 'actors_curated.tsv'))
    ap.add_argument('--report', default=None, help='write the kept/rejected decisions (TSV) here')
    args = ap.parse_args()

    if not os.path.isdir(args.shared) and os.path.isdir('/work/shared'):
        args.shared = '/work/shared'
    up_dir = os.path.join(args.shared, 'data', 'universal-petrarch-arabic')
    ph_dir = os.path.join(args.shared, 'data', 'petrarch2-english')
    corpus_path = args.corpus
    if corpus_path is None:
        corpus_path = os.path.join(args.shared, 'corpus', 'saudinewsnet.jsonl.gz')
    if corpus_path == 'none':
        corpus_path = None

    # ---- stoplist from the generic agent dictionary (Arabic side)
    agent_words = set()
    for line in open(os.path.join(up_dir, 'agents.all.ar.txt'), encoding='utf-8'):
        m = re.search(r'\]\s*(?:#\s*\??)?\s*([\u0600-\u06ff][\u0600-\u06ff\s]*)$', line.strip())
        if m:
            for t in m.group(1).split():
                t = clean_written(t)
                if len(t) > 1:
                    agent_words.add(norm(t))
                    if t.startswith('ال'):
                        agent_words.add(norm(t[2:]))

    # ---- Phoenix English dictionaries
    phoenix = []
    for fn in ('Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt'):
        phoenix += parse_phoenix(os.path.join(ph_dir, fn), fn)
    countries = set()
    for p in phoenix:
        for c, s, e in p['codes']:
            if len(c) == 3 and p['source'] == 'Phoenix.Countries.actors.txt' and c not in TRANSNATIONAL:
                countries.add(c)
    countries -= {'IGO', 'NGO', 'IMG', 'MNC', 'INT', 'GOV', 'MIL', 'REB', 'OPP', 'COP', 'MED', 'BUS', 'CVL', 'EDU', 'JUD', 'ELI', 'LEG', 'PTY', 'SPY', 'REF', 'HLH', 'HRI', 'LAB', 'AGR', 'ENV', 'REL', 'CRM', 'UAF', 'DEV', 'SEP', 'RAD', 'MOD', 'AMN', 'INS', 'UNO'}
    countries |= {'PSE', 'KSV', 'ESH'}

    def ph_country(p):
        for c, s, e in p['codes']:
            if c[:3] in countries:
                return c[:3]
        return ''

    ph_index = collections.defaultdict(list)   # full skeleton -> phoenix idx
    ph_index_fl = collections.defaultdict(list)  # first+last token skeleton -> idx (persons)
    for idx, p in enumerate(phoenix):
        seen = set()
        for nm in p['names']:
            if re.search(r'\b(PRESIDENT|MINISTER|MR|MRS|MS|DR|GENERAL|KING|PRINCE|SECRETARY|SHEIKH|SHEIK|AMBASSADOR|PM|GOVERNMENT|REGIME|FORCES|CHIEF|LEADER|SPOKESMAN)\b', nm.replace('_', ' ').replace('.', ' ')):
                continue
            k = skel_lat(nm)
            if len(k) >= 4 and k not in seen:
                seen.add(k)
                ph_index[k].append(idx)
            toks = [t for t in re.split(r'[_\s]+', nm.strip('_')) if t and t not in ('AL', 'EL', 'BIN', 'BEN', 'IBN')]
            if len(toks) >= 3:
                k2 = skel_lat(toks[0] + ' ' + toks[-1])
                if len(k2) >= 4:
                    ph_index_fl[k2].append(idx)

    # ---- UP Arabic dictionary
    up = parse_up(os.path.join(up_dir, 'actor_dict_ar_v4.txt'))
    GIVEN_N = {norm(g) for g in GIVEN}
    COMMON_N = {norm(c) for c in COMMON}
    # place names and nationality adjectives: one-word UP entries whose code is a bare country code
    place_words = set()
    for raw, codes_raw in up.items():
        nm = clean_written(raw).strip().strip('_')
        if '_' in nm or ' ' in nm:
            continue
        pcs = [pc for pc in (parse_code(c) for c in codes_raw) if pc]
        if pcs and all(len(pc[0]) == 3 and pc[0] not in TRANSNATIONAL for pc in pcs):
            n = norm(nm)
            if n in GIVEN_N:
                continue
            place_words.add(n)
            if n.startswith('ال'):
                place_words.add(n[2:])
            if n.endswith('ي'):
                for suf in ('ه', 'ون', 'ين', 'يه'):
                    place_words.add(n + suf)
                    place_words.add('ال' + n + suf)
                place_words.add('ال' + n)
    curated_keys, curated_ids = load_curated_aliases(args.curated)

    decisions = []  # (raw, status, reason, final)
    cands = []      # dicts
    for raw, codes_raw in up.items():
        codes = [pc for pc in (parse_code(c) for c in codes_raw) if pc]
        name = clean_written(raw).strip().strip('_').strip()
        if not name:
            decisions.append((raw, 'rejected', 'empty', ''))
            continue
        if ' ' in name.strip() or not codes:
            decisions.append((raw, 'rejected', 'garbage line or no code', ''))
            continue
        toks = [t for t in name.split('_') if t]
        toks = ['آل' if t == 'ال' else t for t in toks]
        if any(not ARABIC_LETTERS.match(t) for t in toks):
            decisions.append((raw, 'rejected', 'non-Arabic characters', ''))
            continue
        if any(len(t) == 1 for t in toks):
            decisions.append((raw, 'rejected', 'one-letter token (clitic split by the lemmatizer)', ''))
            continue
        # primary code: the one with the latest start (or the first one)
        def sortkey(c):
            return (c[1] or c[2] or '0000', c[2] or '9999')
        codes_sorted = sorted(codes, key=sortkey)
        main_code = codes_sorted[-1]
        # prefer a code that carries a sector
        country, sector = code_parts(main_code[0], countries)
        if not sector:
            for c in reversed(codes_sorted):
                cc, ss = code_parts(c[0], countries)
                if ss:
                    main_code, country, sector = c, cc, ss
                    break
        c3 = main_code[0][:3]
        if not country and c3 not in TRANSNATIONAL:
            decisions.append((raw, 'rejected', 'generic agent (code without country)', ''))
            continue
        if not sector and len(main_code[0]) == 3 and c3 not in TRANSNATIONAL:
            decisions.append((raw, 'rejected', 'place or nationality (bare country code)', ''))
            continue
        # strip leading titles / nationality adjectives: "رئيس_وزير_بريطاني_توني_بلير"
        stripped = list(toks)
        had_title = False
        while len(stripped) > 2:
            t = stripped[0]
            nt = norm(t)
            is_title = t in TITLE_TOKENS or nt in {norm(x) for x in TITLE_TOKENS}
            if t == 'أمير' and 'بن' not in stripped and not had_title:
                is_title = False  # Amir is also a given name
            is_nisba = had_title and (t.endswith('ي') or t.endswith('ية')) and nt not in GIVEN and len(t) > 3
            is_word = had_title and nt not in GIVEN_N and (nt in COMMON_N or nt in agent_words or nt in place_words)
            if is_title or is_nisba or is_word:
                stripped = stripped[1:]
                had_title = True
            else:
                break
        # trailing titles: "فؤاد_الجوني_وزير_صناعة_سوري" -> "فؤاد الجوني"
        for i in range(2, len(stripped)):
            if stripped[i] in TITLE_TOKENS and stripped[i] not in ('أمير', 'سلطان', 'حاج'):
                stripped = stripped[:i]
                had_title = True
                break
        toks = stripped
        first = toks[0]
        is_org = first in ORG_HEADS or norm(first) in {norm(x) for x in ORG_HEADS}
        is_single = len(toks) == 1
        cands.append({'raw': raw, 'toks': toks, 'codes': codes, 'main': main_code, 'country': country,
                      'sector': sector, 'org': is_org, 'single': is_single, 'had_title': had_title})

    # ---- corpus index over candidate first tokens (and their ال-variants)
    cand_token_lists = []
    for c in cands:
        nt = [norm(t) for t in c['toks']]
        cand_token_lists.append(nt)
    corpus = Corpus(corpus_path, cand_token_lists) if corpus_path else None
    have_corpus = bool(corpus and corpus.available)
    print('corpus available: %s' % have_corpus, file=sys.stderr)

    def variants(tokens, head=True):
        """Article repairs: for each non-first token add ال (and feminine ة for nisba) when missing."""
        opts = [[tokens[0]] + (['ال' + tokens[0]] if head and not tokens[0].startswith('ال') else [])]
        for t in tokens[1:]:
            o = [t]
            if not t.startswith('ال') and not t.startswith('آل') and t not in ('بن', 'بنت', 'ابن', 'أبو', 'ابو', 'أم', 'عبد', 'آل'):
                o.append('ال' + t)
                if t.endswith('ي'):
                    o.append('ال' + t + 'ة')
            opts.append(o)
        res = [[]]
        for o in opts:
            res = [r + [x] for r in res for x in o]
            if len(res) > 300:
                break
        return res

    PARTICLES_N = {norm(x) for x in ('بن', 'ابن', 'بنت', 'أبو', 'ابو', 'أم', 'آل', 'عبد', 'الدين', 'الله', 'ولد')}

    def is_common(t):
        nt = norm(t)
        if nt in PARTICLES_N:
            return False
        if nt in {norm(g) for g in ()}:
            return False
        base = nt[2:] if nt.startswith('ال') else nt
        if nt in GIVEN_N or base in GIVEN_N:
            return False
        return (nt in COMMON_N or base in COMMON_N or nt in agent_words or base in agent_words
                or nt in place_words)

    GENERIC_HEADS_N = {norm(x) for x in 'شركة جامعة مؤسسة قناة وكالة مجموعة منظمة جمعية بنك مركز معهد مدرسة مستشفى سلطة مصدر موقع مسؤول إدارة'.split()}
    kept = []
    for c in cands:
        toks = c['toks']
        raw = c['raw']
        # fix "عبد رحمن" -> "عبد الرحمن" (the lemmatizer drops the article of the divine name)
        fixed = []
        for i, t in enumerate(toks):
            if i > 0 and toks[i - 1] == 'عبد' and not t.startswith('ال') and norm(t) in {norm(d) for d in DIVINE}:
                t = 'ال' + t
            fixed.append(t)
        toks = fixed
        if c['single']:
            decisions.append((raw, 'rejected', 'one-word entry (surname, common noun or ambiguous acronym; key ones are hand-curated)', ''))
            continue
        if c['single']:
            t = toks[0]
            if c['sector'] in ('GOV', 'MIL', 'COP', 'JUD', 'CVL', 'LEG', 'ELI', 'EDU', 'HLH', 'HRI', 'AGR', 'LAB', 'REF', 'DEV', 'ENV', 'BUS') and not c['org']:
                # one-word entries with a person-ish sector are surnames ("بوتين", "المالكي") or common nouns
                decisions.append((raw, 'rejected', 'single token person/surname or common noun', ''))
                continue
            if is_common(t) or len(norm(t)) < 3 or c['org']:
                decisions.append((raw, 'rejected', 'one-word common noun', ''))
                continue
            if t.endswith('ي') or t.endswith('ية') or t.endswith('يون') or t.endswith('يين'):
                decisions.append((raw, 'rejected', 'one-word nisba adjective', ''))
                continue
            if have_corpus and corpus.count([norm(t)]) == 0:
                decisions.append((raw, 'rejected', 'one-word name not attested in corpus', ''))
                continue
            c['type'] = 'ORG'
            c['final'] = toks
            c['why'] = 'single-token organization name'
            kept.append(c)
            continue
        if c['org']:
            # organization: choose the most frequent real surface form among article repairs
            best = None
            if have_corpus:
                for v in variants(toks):
                    n = corpus.count([norm(t) for t in v])
                    if n >= 2 and (best is None or n > best[0]):
                        best = (n, v)
            comp = toks[1:]
            def nisba(t):
                return t.endswith('ي') or t.endswith('ية') or t.endswith('يه')
            if best:
                c['final'] = best[1]
                c['why'] = 'organization, attested' if best[1] == toks else 'organization, lemma repaired from corpus'
            elif all(t.startswith('ال') or t.startswith('آل') for t in comp) and not (not toks[0].startswith('ال') and nisba(comp[0])):
                c['final'], c['why'] = toks, 'organization, complements carry article'
            else:
                decisions.append((raw, 'rejected', 'lemmatized organization phrase (articles missing)', ''))
                continue
            f = c['final']
            if len(f) == 2 and norm(f[0]).replace('ال', '', 1) in GENERIC_HEADS_N and norm(f[1]) in place_words:
                decisions.append((raw, 'rejected', 'generic organization phrase (head + nationality)', ''))
                continue
            if not c['country'] and c['main'][0][:3] not in TRANSNATIONAL:
                decisions.append((raw, 'rejected', 'generic agent (code without country)', ''))
                continue
            c['type'] = 'ORG'
            kept.append(c)
            continue
        # person
        if toks[0] in ('بن', 'ابن', 'بنت', 'آل') or toks[-1] in ('بن', 'ابن', 'بنت', 'آل', 'أبو', 'ابو', 'عبد', 'أم'):
            decisions.append((raw, 'rejected', 'name fragment', ''))
            continue
        if any(is_common(t) for t in toks):
            decisions.append((raw, 'rejected', 'generic phrase (common noun/adjective token)', ''))
            continue
        if len(norm(' '.join(toks)).split()) < 2:
            decisions.append((raw, 'rejected', 'one-word entry (surname, common noun or ambiguous acronym; key ones are hand-curated)', ''))
            continue
        if len(toks) == 2 and toks[0] in ('أمير', 'أميرة', 'ملك', 'ملكة', 'شيخ', 'شيخة', 'سيد', 'سيدة'):
            decisions.append((raw, 'rejected', 'title + single name', ''))
            continue
        if len(toks) > 6:
            decisions.append((raw, 'rejected', 'too long for a name', ''))
            continue
        ntoks = [norm(t) for t in toks]
        if have_corpus:
            n0 = corpus.count(ntoks)
            best = (n0, toks)
            for v in variants(toks, head=False)[1:]:
                n = corpus.count([norm(t) for t in v])
                if n > best[0] * 2 and n >= 2:
                    best = (n, v)
            if best[1] is not toks:
                c['final'], c['why'] = best[1], 'person, article repaired from corpus'
            elif n0 > 0:
                c['final'], c['why'] = toks, 'person, attested'
            else:
                c['final'], c['why'] = toks, 'person, unattested'
        else:
            c['final'], c['why'] = toks, 'person'
        c['type'] = 'PER'
        kept.append(c)

    # ---- join with Phoenix
    def best_phoenix(c):
        k = skel_ar(' '.join(c['final']))
        hits = list(ph_index.get(k, []))
        via = 'full'
        if not hits and c['type'] == 'PER' and len(c['final']) == 2:
            hits = list(ph_index_fl.get(k, []))
            via = 'first-last'
        if not hits or len(k) < 5:
            return None
        toks_ar = [t for t in c['final'] if t not in ('بن', 'ابن', 'بنت')]
        scored = []
        for idx in hits:
            p = phoenix[idx]
            pc = ph_country(p)
            if c['country'] and pc and pc != c['country']:
                continue
            if c['type'] == 'PER':
                if p['source'] == 'Phoenix.MilNonState.actors.txt':
                    continue
                # a person must be a person in Phoenix too: CountryInfo rulers/ministers or an entry with roles
                if not (p['countryinfo'] or any(x[1] or x[2] for x in p['codes'])):
                    continue
                if c['country'] and pc != c['country']:
                    continue
                if not c['country'] and pc:
                    continue
                lat_toks = [t for t in re.split(r'[_\s]+', p['names'][0].strip('_')) if t and t not in ('AL', 'EL', 'BIN', 'BEN', 'IBN')]
                if len(lat_toks) < len(toks_ar):
                    continue
            shared = len({x[0] for x in p['codes']} & {x[0] for x in c['codes']})
            scored.append((shared, 1 if pc == c['country'] else 0, -idx, idx))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][:2] == scored[1][:2] and phoenix[scored[0][3]]['names'][0] != phoenix[scored[1][3]]['names'][0]:
            if via == 'first-last' or scored[0][0] == 0:
                return None  # ambiguous
        return scored[0][3]

    FOREIGN_GIVEN_N = {norm(x) for x in FOREIGN_GIVEN}
    learned_pairs = collections.defaultdict(collections.Counter)
    kept2 = []
    for c in kept:
        c['ph'] = best_phoenix(c)
        if c['type'] == 'PER' and c['ph'] is None and c['why'] == 'person, unattested':
            has_role_dates = any(x[1] or x[2] for x in c['codes'])
            if c['final'][0].startswith('ال') or not (norm(c['final'][0]) in GIVEN_N or norm(c['final'][0]) in FOREIGN_GIVEN_N or has_role_dates):
                decisions.append((c['raw'], 'rejected', 'unverified person name (not attested, not in Phoenix, no known given name)', ''))
                continue
        kept2.append(c)
    kept = kept2
    for c in kept:
        if c['ph'] is not None:
            en = phoenix[c['ph']]['names'][0]
            en_toks = english_name(en).split()
            ar_toks = c['final']
            if len(en_toks) == len(ar_toks):
                for a, e in zip(ar_toks, en_toks):
                    learned_pairs[norm(a)][e] += 1
    learned = {a: cnt.most_common(1)[0][0] for a, cnt in learned_pairs.items()}

    # ---- merge candidates that end up identical (same Arabic key, or same Phoenix entity)
    groups = collections.OrderedDict()
    for c in kept:
        key = ('ph', c['ph']) if c['ph'] is not None else ('ar', norm(' '.join(c['final'])))
        groups.setdefault(key, []).append(c)
    # Arabic-key groups that equal a Phoenix group's form are merged into it
    ar_to_ph = {}
    for key, cs in groups.items():
        if key[0] == 'ph':
            for c in cs:
                ar_to_ph.setdefault(norm(' '.join(c['final'])), key)
    merged = collections.OrderedDict()
    for key, cs in groups.items():
        if key[0] == 'ar' and key[1] in ar_to_ph:
            key = ar_to_ph[key[1]]
        merged.setdefault(key, []).extend(cs)

    rows = []
    used_ids = set(curated_ids)
    n_dup = 0
    for key, cs in merged.items():
        forms = []
        for c in cs:
            f = ' '.join(c['final'])
            if f not in forms:
                forms.append(f)
        keys_n = {norm(f) for f in forms}
        if keys_n & curated_keys:
            n_dup += 1
            for c in cs:
                decisions.append((c['raw'], 'rejected', 'duplicate of a hand-curated entry', ' '.join(c['final'])))
            continue
        # canonical Arabic: the most frequent form in the corpus, else the shortest
        if have_corpus:
            forms.sort(key=lambda f: (-corpus.count([norm(t) for t in f.split()]), len(f)))
        typ = 'ORG' if any(c['type'] == 'ORG' for c in cs) else 'PER'
        c0 = cs[0]
        codes = []
        for c in cs:
            for x in c['codes']:
                if x not in codes:
                    codes.append(x)
        main = max(codes, key=lambda x: (1 if code_parts(x[0], countries)[1] else 0, x[1] or x[2] or '0000'))
        country, sector = code_parts(main[0], countries)
        en = ''
        en_aliases = []
        if c0.get('ph') is not None:
            p = phoenix[c0['ph']]
            en = english_name(p['names'][0])
            for nm in p['names'][1:]:
                if re.search(r'\b(PRESIDENT|MINISTER|MR|MRS|DR|GENERAL|KING|PRINCE|SECRETARY|SHEIKH|AMBASSADOR|PM|GOVERNMENT|REGIME|CHIEF|LEADER)\b', nm.replace('_', ' ')):
                    continue
                e = english_name(nm)
                if len(e.split()) >= 2 and e not in en_aliases and e != en and len(en_aliases) < 4:
                    en_aliases.append(e)
            # enrich the date ranges with Phoenix's when UP has none for the main code
            if not main[1] and not main[2]:
                for x in p['codes']:
                    if x[0] == main[0] and (x[1] or x[2]):
                        main = x
                        break
        translit_name = translit(forms[0], learned)
        name = en or translit_name
        aliases = []
        for f in forms:
            aliases.append(f)
            if 'عبد ال' in f:
                aliases.append(f.replace('عبد ال', 'عبدال'))
        if en:
            aliases.append(en)
            aliases += en_aliases
        # de-duplicate aliases, none of length 1
        seen, al = set(), []
        for a in aliases:
            a = a.strip()
            if len(a) <= 1 or a.lower() in seen:
                continue
            seen.add(a.lower())
            al.append(a)
        slug = slugify(name)
        rid = 'kh:up-' + slug
        i = 2
        while rid in used_ids:
            rid = 'kh:up-%s-%d' % (slug, i)
            i += 1
        used_ids.add(rid)
        hist = ';'.join('%s:%s:%s' % (x[0], x[1] or '', x[2] or '') for x in sorted(codes, key=lambda x: (x[1] or x[2] or '', x[0])))
        whys = sorted({c['why'] for c in cs})
        rows.append({'id': rid, 'type': typ, 'name': name, 'name_ar': forms[0], 'aliases': '|'.join(al),
                     'country': country, 'code': main[0], 'sector': sector,
                     'start': main[1] or '', 'end': main[2] or '', 'flags': '',
                     'code_history': hist, 'en_source': 'phoenix' if en else 'transliteration',
                     'evidence': ','.join(w.replace(' ', '_').replace(',', '') for w in whys)})
        for c in cs:
            decisions.append((c['raw'], 'kept', c['why'], rid))

    rows.sort(key=lambda r: (r['type'], r['country'], r['name'].lower(), r['id']))
    cols = ['id', 'type', 'name', 'name_ar', 'aliases', 'country', 'code', 'sector', 'start', 'end', 'flags',
            'code_history', 'en_source', 'evidence']
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w', encoding='utf-8') as f:
        f.write('# khabar actor gazetteer: people and organizations from the UniversalPetrarch Arabic actor dictionary\n')
        f.write('# Source: universal-petrarch-arabic/actor_dict_ar_v4.txt (MIT, Open Event Data Alliance, 2018; machine-built)\n')
        f.write('#   joined with petrarch2-english/Phoenix.{Countries,International,MilNonState}.actors.txt (MIT, OEDA)\n')
        f.write('#   for English names, CAMEO codes and role date ranges. Built by tools/build_actors.py -- do not edit by hand;\n')
        f.write('#   hand-curated actors live in actors_curated.tsv (entries present there are left out here).\n')
        f.write('# Cleaning: kept person names of >= 2 tokens and organization names whose surface form is real Arabic\n')
        f.write('#   (lemma phrases without their articles are repaired from a news corpus or rejected). name = English\n')
        f.write('#   from Phoenix when joined (en_source=phoenix), else a rough transliteration (en_source=transliteration).\n')
        f.write('# code/start/end = the most recent CAMEO role of the actor (start/end bound that role, not the name);\n')
        f.write('#   code_history = all CAMEO roles as CODE:start:end separated by ";". Dates are as noisy as the source.\n')
        f.write('# entries: %d\n' % len(rows))
        f.write('\t'.join(cols) + '\n')
        for r in rows:
            f.write('\t'.join(r[c].replace('\t', ' ') for c in cols) + '\n')

    # ---- summary
    st = collections.Counter((d[1], d[2]) for d in decisions)
    kept_raw = sum(v for (s, _), v in st.items() if s == 'kept')
    print('UP raw entries: %d  kept raw: %d  -> rows: %d' % (len(up), kept_raw, len(rows)), file=sys.stderr)
    for (s, r), v in sorted(st.items(), key=lambda x: (-x[1])):
        print('  %-8s %5d  %s' % (s, v, r), file=sys.stderr)
    print('rows by type: %s' % dict(collections.Counter(r['type'] for r in rows)), file=sys.stderr)
    print('rows with Phoenix English: %d' % sum(1 for r in rows if r['en_source'] == 'phoenix'), file=sys.stderr)
    if args.report:
        with open(args.report, 'w', encoding='utf-8') as f:
            f.write('raw\tstatus\treason\tresult\n')
            for d in decisions:
                f.write('\t'.join(d) + '\n')


if __name__ == '__main__':
    main()
