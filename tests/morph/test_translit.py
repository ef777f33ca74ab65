"""Tests for zholdau.morph.translit: Latin- and Arabic-script Kazakh to Cyrillic.

The phrases are written by us in the style of regional news; the Latin and Arabic columns follow the
published letter tables (2017, 2018, 2021 Latin; töte jazu).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau.morph.translit import (
    ALPHABETS,
    Transliteration,
    arabic_kazakh_score,
    detect_script,
    latin_kazakh_score,
    to_cyrillic,
)

# The 2017 alphabet: apostrophes (a' g' n' o' u' y' i' s' c')
LATIN_2017 = [
    ("Memleket bass'ysynyn' Jolday'yn ju'zege asyry'", "Мемлекет басшысының Жолдауын жүзеге асыру"),
    ("Oblys a'kimi ay'dan a'kimderine tapsyrma berdi", "Облыс әкімі аудан әкімдеріне тапсырма берді"),
    ("Jolday'da ai'tylg'an mindetter talqylandy", "Жолдауда айтылған міндеттер талқыланды"),
    (
        "Qazaqstan Respy'bli'kasy Prezi'dentinin' halyqqa Jolday'y",
        "Қазақстан Республикасы Президентінің халыққа Жолдауы",
    ),
    (
        "Ji'yn barysynda o'n'irdin' a'ley'mettik-ekonomi'kalyq damy'y qaraldy",
        "Жиын барысында өңірдің әлеуметтік-экономикалық дамуы қаралды",
    ),
    (
        "U'kimet jyl son'yna dei'in naqty s'aralar qabylday'y ti'is",
        "Үкімет жыл соңына дейін нақты шаралар қабылдауы тиіс",
    ),
    (
        "Ay'yl turg'yndary ay'yz sy'men tolyq qamtamasyz etiledi",
        "Ауыл тұрғындары ауыз сумен толық қамтамасыз етіледі",
    ),
    ("Bi'yl oblysta 600 oryndyq mektep salynady", "Биыл облыста 600 орындық мектеп салынады"),
    ("Ay'dan a'kimdiginde ken'es o'tti", "Аудан әкімдігінде кеңес өтті"),
    ("Jastardy jumyspen qamty' ma'selesi ko'terildi", "Жастарды жұмыспен қамту мәселесі көтерілді"),
    ("S'ag'yn ja'ne orta bi'znesti qolday' s'aralary", "Шағын және орта бизнесті қолдау шаралары"),
    (
        "Qalalyq ma'sli'hat depy'tattary kezekti sessi'i'ag'a ji'naldy",
        "Қалалық мәслихат депутаттары кезекті сессияға жиналды",
    ),
    (
        "Ay'yl s'ary'as'ylyg'y o'nimderin o'n'dey' ka'siporyndary",
        "Ауыл шаруашылығы өнімдерін өңдеу кәсіпорындары",
    ),
    ("Densay'lyq saqtay' salasyndag'y o'zekti ma'seleler", "Денсаулық сақтау саласындағы өзекті мәселелер"),
    ("Oblystyq basqarma bass'ysy bai'andama jasady", "Облыстық басқарма басшысы баяндама жасады"),
    ("A'diletti Qazaqstan qury' jolyndag'y reformalar", "Әділетті Қазақстан құру жолындағы реформалар"),
    ("Jol saly' jumystary jyl son'yna dei'in ai'aqtalady", "Жол салу жұмыстары жыл соңына дейін аяқталады"),
    ("Turg'yndardyn' a'l-ay'qatyn arttyry' basty mindet", "Тұрғындардың әл-ауқатын арттыру басты міндет"),
    ("Jasandy i'ntellekt da'y'irindegi Qazaqstan", "Жасанды интеллект дәуіріндегі Қазақстан"),
    (
        "Bilim bery' ui'ymdarynyn' materi'aldyq-tehni'kalyq bazasy",
        "Білім беру ұйымдарының материалдық-техникалық базасы",
    ),
    (
        "Jergilikti atqary's'y organdardyn' jay'apkers'iligi artady",
        "Жергілікті атқарушы органдардың жауапкершілігі артады",
    ),
    ("Ka'sipkerlerge qarjylai' ko'mek ko'rsetiledi", "Кәсіпкерлерге қаржылай көмек көрсетіледі"),
    ("O'n'irde jan'a o'ndiris oryndary as'yldy", "Өңірде жаңа өндіріс орындары ашылды"),
    ("A'kim turg'yndarmen kezdesy' o'tkizdi", "Әкім тұрғындармен кездесу өткізді"),
    ("Memlekettik bag'darlamalar ai'asynda u'i' salyndy", "Мемлекеттік бағдарламалар аясында үй салынды"),
    ("Jumyssyzdyq den'gei'i to'mendedi", "Жұмыссыздық деңгейі төмендеді"),
    ("Ulttyq quryltai' otyrysynda so'z so'i'ledi", "Ұлттық құрылтай отырысында сөз сөйледі"),
    ("Qog'amdyq ken'es mu's'eleri usynys engizdi", "Қоғамдық кеңес мүшелері ұсыныс енгізді"),
    (
        "Ay'dannyn' ay'yldyq okry'gterinde gazdandyry' ju'rgizily'de",
        "Ауданның ауылдық округтерінде газдандыру жүргізілуде",
    ),
    (
        "Jolday'dy tu'sindiry' maqsatynda aqparattyq top quryldy",
        "Жолдауды түсіндіру мақсатында ақпараттық топ құрылды",
    ),
    (
        "Qarjy mi'ni'strligine ti'isti tapsyrmalar ju'kteldi",
        "Қаржы министрлігіне тиісті тапсырмалар жүктелді",
    ),
    ("Bi'y'djet qarajaty ti'imdi pai'dalanyly'y kerek", "Бюджет қаражаты тиімді пайдаланылуы керек"),
    ("Aqparattyq tehnologi'i'alardy engizy' qarqyny", "Ақпараттық технологияларды енгізу қарқыны"),
    ("Qala ko's'elerin ko'galdandyry' jumystary bastaldy", "Қала көшелерін көгалдандыру жұмыстары басталды"),
    (
        "Mu'mkindigi s'ektey'li azamattarg'a qolday' ko'rsetildi",
        "Мүмкіндігі шектеулі азаматтарға қолдау көрсетілді",
    ),
    ("Birins'i bass'ylar aldyna naqty mindetter qoi'yldy", "Бірінші басшылар алдына нақты міндеттер қойылды"),
    (
        "El Prezi'denti Qasym-Jomart Toqaev halyqqa Jolday'yn jari'i'alady",
        "Ел Президенті Қасым-Жомарт Тоқаев халыққа Жолдауын жариялады",
    ),
    ("Jergilikti ka'sipkerler o'z usynystaryn ai'tty", "Жергілікті кәсіпкерлер өз ұсыныстарын айтты"),
    ("Oblys ortalyg'ynda ji'yrma bes myn' turg'yn turady", "Облыс орталығында жиырма бес мың тұрғын тұрады"),
    ("Jastar sai'asaty jo'nindegi basqarma", "Жастар саясаты жөніндегі басқарма"),
    ("Ay'yz sy' qubyryn saly' jobasy", "Ауыз су құбырын салу жобасы"),
    ("Jan'a Qazaqstan: jan'ary' men jan'g'yry' joly", "Жаңа Қазақстан: жаңару мен жаңғыру жолы"),
    ("QAZAQSTAN RESPY'BLI'KASYNYN' PREZI'DENTI", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ПРЕЗИДЕНТІ"),
    ("A'kimdik 2025 jyly 658 mln ten'ge bo'ldi.", "Әкімдік 2025 жылы 658 млн теңге бөлді."),
    ("Ortalyq Azi'i'a elderimen yntymaqtastyq", "Орталық Азия елдерімен ынтымақтастық"),
]

# The 2018 alphabet: acutes (á ǵ ń ó ú ý), ı for и/й, sh/ch digraphs
LATIN_2018 = [
    ("Memleket basshysynyń Joldaýyn júzege asyrý", "Мемлекет басшысының Жолдауын жүзеге асыру"),
    ("Oblys ákimi aýdan ákimderine tapsyrma berdi", "Облыс әкімі аудан әкімдеріне тапсырма берді"),
    ("Joldaýda aıtylǵan mindetter talqylandy", "Жолдауда айтылған міндеттер талқыланды"),
    (
        "Qazaqstan Respýblıkasy Prezıdentiniń halyqqa Joldaýy",
        "Қазақстан Республикасы Президентінің халыққа Жолдауы",
    ),
    (
        "Jıyn barysynda óńirdiń áleýmettik-ekonomıkalyq damýy qaraldy",
        "Жиын барысында өңірдің әлеуметтік-экономикалық дамуы қаралды",
    ),
    (
        "Úkimet jyl sońyna deıin naqty sharalar qabyldaýy tıis",
        "Үкімет жыл соңына дейін нақты шаралар қабылдауы тиіс",
    ),
    (
        "Aýyl turǵyndary aýyz sýmen tolyq qamtamasyz etiledi",
        "Ауыл тұрғындары ауыз сумен толық қамтамасыз етіледі",
    ),
    ("Bıyl oblysta 600 oryndyq mektep salynady", "Биыл облыста 600 орындық мектеп салынады"),
    ("Aýdan ákimdiginde keńes ótti", "Аудан әкімдігінде кеңес өтті"),
    ("Jastardy jumyspen qamtý máselesi kóterildi", "Жастарды жұмыспен қамту мәселесі көтерілді"),
    ("Shaǵyn jáne orta bıznesti qoldaý sharalary", "Шағын және орта бизнесті қолдау шаралары"),
    (
        "Qalalyq máslıhat depýtattary kezekti sessııaǵa jınaldy",
        "Қалалық мәслихат депутаттары кезекті сессияға жиналды",
    ),
    ("Aýyl sharýashylyǵy ónimderin óńdeý kásiporyndary", "Ауыл шаруашылығы өнімдерін өңдеу кәсіпорындары"),
    ("Densaýlyq saqtaý salasyndaǵy ózekti máseleler", "Денсаулық сақтау саласындағы өзекті мәселелер"),
    ("Oblystyq basqarma basshysy baıandama jasady", "Облыстық басқарма басшысы баяндама жасады"),
    ("Ádiletti Qazaqstan qurý jolyndaǵy reformalar", "Әділетті Қазақстан құру жолындағы реформалар"),
    ("Jol salý jumystary jyl sońyna deıin aıaqtalady", "Жол салу жұмыстары жыл соңына дейін аяқталады"),
    ("Turǵyndardyń ál-aýqatyn arttyrý basty mindet", "Тұрғындардың әл-ауқатын арттыру басты міндет"),
    ("Jasandy ıntellekt dáýirindegi Qazaqstan", "Жасанды интеллект дәуіріндегі Қазақстан"),
    (
        "Bilim berý uıymdarynyń materıaldyq-tehnıkalyq bazasy",
        "Білім беру ұйымдарының материалдық-техникалық базасы",
    ),
    (
        "Jergilikti atqarýshy organdardyń jaýapkershiligi artady",
        "Жергілікті атқарушы органдардың жауапкершілігі артады",
    ),
    ("Kásipkerlerge qarjylaı kómek kórsetiledi", "Кәсіпкерлерге қаржылай көмек көрсетіледі"),
    ("Óńirde jańa óndiris oryndary ashyldy", "Өңірде жаңа өндіріс орындары ашылды"),
    ("Ákim turǵyndarmen kezdesý ótkizdi", "Әкім тұрғындармен кездесу өткізді"),
    ("Memlekettik baǵdarlamalar aıasynda úı salyndy", "Мемлекеттік бағдарламалар аясында үй салынды"),
    ("Jumyssyzdyq deńgeıi tómendedi", "Жұмыссыздық деңгейі төмендеді"),
    ("Ulttyq quryltaı otyrysynda sóz sóıledi", "Ұлттық құрылтай отырысында сөз сөйледі"),
    ("Qoǵamdyq keńes músheleri usynys engizdi", "Қоғамдық кеңес мүшелері ұсыныс енгізді"),
    (
        "Aýdannyń aýyldyq okrýgterinde gazdandyrý júrgizilýde",
        "Ауданның ауылдық округтерінде газдандыру жүргізілуде",
    ),
    (
        "Joldaýdy túsindirý maqsatynda aqparattyq top quryldy",
        "Жолдауды түсіндіру мақсатында ақпараттық топ құрылды",
    ),
    ("Qarjy mınıstrligine tıisti tapsyrmalar júkteldi", "Қаржы министрлігіне тиісті тапсырмалар жүктелді"),
    ("Bıýdjet qarajaty tıimdi paıdalanylýy kerek", "Бюджет қаражаты тиімді пайдаланылуы керек"),
    ("Aqparattyq tehnologııalardy engizý qarqyny", "Ақпараттық технологияларды енгізу қарқыны"),
    ("Qala kóshelerin kógaldandyrý jumystary bastaldy", "Қала көшелерін көгалдандыру жұмыстары басталды"),
    (
        "Múmkindigi shekteýli azamattarǵa qoldaý kórsetildi",
        "Мүмкіндігі шектеулі азаматтарға қолдау көрсетілді",
    ),
    ("Birinshi basshylar aldyna naqty mindetter qoıyldy", "Бірінші басшылар алдына нақты міндеттер қойылды"),
    (
        "El Prezıdenti Qasym-Jomart Toqaev halyqqa Joldaýyn jarııalady",
        "Ел Президенті Қасым-Жомарт Тоқаев халыққа Жолдауын жариялады",
    ),
    ("Jergilikti kásipkerler óz usynystaryn aıtty", "Жергілікті кәсіпкерлер өз ұсыныстарын айтты"),
    ("Oblys ortalyǵynda jıyrma bes myń turǵyn turady", "Облыс орталығында жиырма бес мың тұрғын тұрады"),
    ("Jastar saıasaty jónindegi basqarma", "Жастар саясаты жөніндегі басқарма"),
    ("Aýyz sý qubyryn salý jobasy", "Ауыз су құбырын салу жобасы"),
    ("Jańa Qazaqstan: jańarý men jańǵyrý joly", "Жаңа Қазақстан: жаңару мен жаңғыру жолы"),
    ("QAZAQSTAN RESPÝBLIKASYNYŃ PREZIDENTI", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ПРЕЗИДЕНТІ"),
    ("Ákimdik 2025 jyly 658 mln teńge bóldi.", "Әкімдік 2025 жылы 658 млн теңге бөлді."),
    ("Ortalyq Azııa elderimen yntymaqtastyq", "Орталық Азия елдерімен ынтымақтастық"),
]

# The 2021 alphabet: ä ğ ñ ö ū ü ş ç, ı for і, i/İ for и/й, u for у
LATIN_2021 = [
    ("Memleket basşysynyñ Joldauyn jüzege asyru", "Мемлекет басшысының Жолдауын жүзеге асыру"),
    ("Oblys äkımı audan äkımderıne tapsyrma berdı", "Облыс әкімі аудан әкімдеріне тапсырма берді"),
    ("Joldauda aitylğan mındetter talqylandy", "Жолдауда айтылған міндеттер талқыланды"),
    (
        "Qazaqstan Respublikasy Prezidentınıñ halyqqa Joldauy",
        "Қазақстан Республикасы Президентінің халыққа Жолдауы",
    ),
    (
        "Jiyn barysynda öñırdıñ äleumettık-ekonomikalyq damuy qaraldy",
        "Жиын барысында өңірдің әлеуметтік-экономикалық дамуы қаралды",
    ),
    (
        "Ükımet jyl soñyna deiın naqty şaralar qabyldauy tiıs",
        "Үкімет жыл соңына дейін нақты шаралар қабылдауы тиіс",
    ),
    (
        "Auyl tūrğyndary auyz sumen tolyq qamtamasyz etıledı",
        "Ауыл тұрғындары ауыз сумен толық қамтамасыз етіледі",
    ),
    ("Biyl oblysta 600 oryndyq mektep salynady", "Биыл облыста 600 орындық мектеп салынады"),
    ("Audan äkımdıgınde keñes öttı", "Аудан әкімдігінде кеңес өтті"),
    ("Jastardy jūmyspen qamtu mäselesı köterıldı", "Жастарды жұмыспен қамту мәселесі көтерілді"),
    ("Şağyn jäne orta biznestı qoldau şaralary", "Шағын және орта бизнесті қолдау шаралары"),
    (
        "Qalalyq mäslihat deputattary kezektı sessiiağa jinaldy",
        "Қалалық мәслихат депутаттары кезекті сессияға жиналды",
    ),
    ("Auyl şaruaşylyğy önımderın öñdeu käsıporyndary", "Ауыл шаруашылығы өнімдерін өңдеу кәсіпорындары"),
    ("Densaulyq saqtau salasyndağy özektı mäseleler", "Денсаулық сақтау саласындағы өзекті мәселелер"),
    ("Oblystyq basqarma basşysy baiandama jasady", "Облыстық басқарма басшысы баяндама жасады"),
    ("Ädılettı Qazaqstan qūru jolyndağy reformalar", "Әділетті Қазақстан құру жолындағы реформалар"),
    ("Jol salu jūmystary jyl soñyna deiın aiaqtalady", "Жол салу жұмыстары жыл соңына дейін аяқталады"),
    ("Tūrğyndardyñ äl-auqatyn arttyru basty mındet", "Тұрғындардың әл-ауқатын арттыру басты міндет"),
    ("Jasandy intellekt däuırındegı Qazaqstan", "Жасанды интеллект дәуіріндегі Қазақстан"),
    (
        "Bılım beru ūiymdarynyñ materialdyq-tehnikalyq bazasy",
        "Білім беру ұйымдарының материалдық-техникалық базасы",
    ),
    (
        "Jergılıktı atqaruşy organdardyñ jauapkerşılıgı artady",
        "Жергілікті атқарушы органдардың жауапкершілігі артады",
    ),
    ("Käsıpkerlerge qarjylai kömek körsetıledı", "Кәсіпкерлерге қаржылай көмек көрсетіледі"),
    ("Öñırde jaña öndırıs oryndary aşyldy", "Өңірде жаңа өндіріс орындары ашылды"),
    ("Äkım tūrğyndarmen kezdesu ötkızdı", "Әкім тұрғындармен кездесу өткізді"),
    ("Memlekettık bağdarlamalar aiasynda üi salyndy", "Мемлекеттік бағдарламалар аясында үй салынды"),
    ("Jūmyssyzdyq deñgeiı tömendedı", "Жұмыссыздық деңгейі төмендеді"),
    ("Ūlttyq qūryltai otyrysynda söz söiledı", "Ұлттық құрылтай отырысында сөз сөйледі"),
    ("Qoğamdyq keñes müşelerı ūsynys engızdı", "Қоғамдық кеңес мүшелері ұсыныс енгізді"),
    (
        "Audannyñ auyldyq okrugterınde gazdandyru jürgızılude",
        "Ауданның ауылдық округтерінде газдандыру жүргізілуде",
    ),
    (
        "Joldaudy tüsındıru maqsatynda aqparattyq top qūryldy",
        "Жолдауды түсіндіру мақсатында ақпараттық топ құрылды",
    ),
    ("Qarjy ministrlıgıne tiıstı tapsyrmalar jükteldı", "Қаржы министрлігіне тиісті тапсырмалар жүктелді"),
    ("Biudjet qarajaty tiımdı paidalanyluy kerek", "Бюджет қаражаты тиімді пайдаланылуы керек"),
    ("Aqparattyq tehnologiialardy engızu qarqyny", "Ақпараттық технологияларды енгізу қарқыны"),
    ("Qala köşelerın kögaldandyru jūmystary bastaldy", "Қала көшелерін көгалдандыру жұмыстары басталды"),
    (
        "Mümkındıgı şekteulı azamattarğa qoldau körsetıldı",
        "Мүмкіндігі шектеулі азаматтарға қолдау көрсетілді",
    ),
    ("Bırınşı basşylar aldyna naqty mındetter qoiyldy", "Бірінші басшылар алдына нақты міндеттер қойылды"),
    (
        "El Prezidentı Qasym-Jomart Toqaev halyqqa Joldauyn jariialady",
        "Ел Президенті Қасым-Жомарт Тоқаев халыққа Жолдауын жариялады",
    ),
    ("Jergılıktı käsıpkerler öz ūsynystaryn aitty", "Жергілікті кәсіпкерлер өз ұсыныстарын айтты"),
    ("Oblys ortalyğynda jiyrma bes myñ tūrğyn tūrady", "Облыс орталығында жиырма бес мың тұрғын тұрады"),
    ("Jastar saiasaty jönındegı basqarma", "Жастар саясаты жөніндегі басқарма"),
    ("Auyz su qūbyryn salu jobasy", "Ауыз су құбырын салу жобасы"),
    ("Jaña Qazaqstan: jañaru men jañğyru joly", "Жаңа Қазақстан: жаңару мен жаңғыру жолы"),
    ("QAZAQSTAN RESPUBLİKASYNYÑ PREZİDENTI", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ПРЕЗИДЕНТІ"),
    ("Äkımdık 2025 jyly 658 mln teñge böldı.", "Әкімдік 2025 жылы 658 млн теңге бөлді."),
    ("Ortalyq Aziia elderımen yntymaqtastyq", "Орталық Азия елдерімен ынтымақтастық"),
]

# Informal Latin: Russian-style (zh, kh, k for қ, y for й) and 2018 spelling without accents
LATIN_INFORMAL = [
    ("Memleket basshysynyn Joldauyn juzege asyru", "Мемлекет басшысының Жолдауын жүзеге асыру"),
    ("Oblys akimi audan akimderine tapsyrma berdi", "Облыс әкімі аудан әкімдеріне тапсырма берді"),
    ("Jolday", "Жолдау"),
    ("Memleket basshysynyn Joldayyn talkylady", "Мемлекет басшысының Жолдауын талқылады"),
    (
        "Kazakhstan Respublikasynyn Prezidenti Kasym-Jomart Tokayev",
        "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев",
    ),
    ("Zhetisu oblysynyn akimi Beibit Isabayev", "Жетісу облысының әкімі Бейбіт Исабаев"),
    ("Karagandy oblysynda kezdesu otti", "Қарағанды облысында кездесу өтті"),
    ("Kyzylorda kalasynda jiyn otti", "Қызылорда қаласында жиын өтті"),
    ("Shymkent kalasynyn turgyndary", "Шымкент қаласының тұрғындары"),
    ("Biyl 600 oryndyk mektep salynady", "Биыл 600 орындық мектеп салынады"),
    ("zhana zhumys oryndary ashylady", "жаңа жұмыс орындары ашылады"),
    ("Soltustik Kazakstan oblysy", "Солтүстік Қазақстан облысы"),
    ("ekonomikalyk osim", "экономикалық өсім"),
    ("Almaty oblysynyn akimdigi", "Алматы облысының әкімдігі"),
    ("Aktobe kalasynyn akimi", "Ақтөбе қаласының әкімі"),
    ("MEMLEKET BASSHYSYNYN JOLDAUY", "МЕМЛЕКЕТ БАСШЫСЫНЫҢ ЖОЛДАУЫ"),
    ("Kostanay oblysynda kezdesu otti", "Қостанай облысында кездесу өтті"),
    ("Ozekti maseleler talkylandy", "Өзекті мәселелер талқыланды"),
    ("Turgyndar ushin manyzdy sheshim", "Тұрғындар үшін маңызды шешім"),
    ("Bul bagdarlama koptegen otbasylarga komektesedi", "Бұл бағдарлама көптеген отбасыларға көмектеседі"),
    ("Semey kalasynda saylau otti", "Семей қаласында сайлау өтті"),
    ("Ukimet otyrysynda bayandama jasady", "Үкімет отырысында баяндама жасады"),
    ("Oskemen kalasynyn turgyndary", "Өскемен қаласының тұрғындары"),
    ("Jezkazgan men Taldykorgan", "Жезқазған мен Талдықорған"),
    ("bilim beru salasy", "білім беру саласы"),
    ("densaulyk saktau salasyndagy ozgerister", "денсаулық сақтау саласындағы өзгерістер"),
    ("Prezidentinin tapsyrmasy oryndaldy", "Президентінің тапсырмасы орындалды"),
    ("Ministrligi tiisti sharalar kabyldady", "Министрлігі тиісті шаралар қабылдады"),
    ("bolatyn jumystar jospary", "болатын жұмыстар жоспары"),
    ("halyktyn al-aukaty", "халықтың ал-ауқаты"),
    ("Yerlan Karin malimdeme jasady", "Ерлан Қарин малимдеме жасады"),
    ("Sailau kampaniyasy bastaldy", "Сайлау кампаниясы басталды"),
    ("Uakyt otti", "Уақыт өтті"),
    ("Yaqyt otti", "Уақыт өтті"),
    ("Jol salu jumystary biyl ayaktalady", "Жол салу жұмыстары биыл аяқталады"),
    ("Kazakstan halkyna Joldau", "Қазақстан халқына Жолдау"),
    ("Oblys akimdiginin kyzmetkerleri", "Облыс әкімдігінің қызметкерлері"),
    ("Turkistan oblysynda jana zauyt ashyldy", "Түркістан облысында жаңа зауыт ашылды"),
    ("Maslikhat sessiyasy otti", "Мәслихат сессиясы өтті"),
    ("Kokshetau kalasynda kenes otti", "Көкшетау қаласында кеңес өтті"),
    ("Memleket basshysy aitkandai", "Мемлекет басшысы айтқандай"),
    ("isteu, kezdesu, damu", "істеу, кездесу, даму"),
    ("Elbasy Nazarbayev", "Елбасы Назарбаев"),
    ("Ulttyk kenes otyrysy", "Ұлттық кеңес отырысы"),
    ("Zhana Kazakstan: zhanaru zholy", "Жаңа Қазақстан: жаңару жолы"),
    ("tiisti organdar", "тиісті органдар"),
]

# Töte jazu: the hamza (ٴ or ء) makes a word front; ە, گ and ك do too
ARABIC = [
    ("مەملەكەت باسشىسىنىڭ جولداۋىن جۇزەگە اسىرۋ", "мемлекет басшысының жолдауын жүзеге асыру"),
    ("وبلىس اكىمى اۋدان اكىمدەرىنە تاپسىرما بەردى", "облыс әкімі аудан әкімдеріне тапсырма берді"),
    ("جولداۋدا ايتىلعان مىندەتتەر تالقىلاندى", "жолдауда айтылған міндеттер талқыланды"),
    (
        "قازاقستان رەسپۋبليكاسى پرەزيدەنتىنىڭ حالىققا جولداۋى",
        "қазақстан республикасы президентінің халыққа жолдауы",
    ),
    (
        "جيىن بارىسىندا ٴوڭىردىڭ الەۋمەتتىك-ەكونوميكالىق دامۋى قارالدى",
        "жиын барысында өңірдің әлеуметтік-экономикалық дамуы қаралды",
    ),
    (
        "ۇكىمەت جىل سوڭىنا دەيىن ناقتى شارالار قابىلداۋى ٴتيىس",
        "үкімет жыл соңына дейін нақты шаралар қабылдауы тиіс",
    ),
    (
        "اۋىل تۇرعىندارى اۋىز سۋمەن تولىق قامتاماسىز ەتىلەدى",
        "ауыл тұрғындары ауыз сумен толық қамтамасыз етіледі",
    ),
    ("بيىل وبلىستا ٦٠٠ ورىندىق مەكتەپ سالىنادى", "биыл облыста 600 орындық мектеп салынады"),
    ("اۋدان اكىمدىگىندە كەڭەس ٴوتتى", "аудан әкімдігінде кеңес өтті"),
    ("جاستاردى جۇمىسپەن قامتۋ ماسەلەسى كوتەرىلدى", "жастарды жұмыспен қамту мәселесі көтерілді"),
    ("شاعىن جانە ورتا بيزنەستى قولداۋ شارالارى", "шағын және орта бизнесті қолдау шаралары"),
    ("دەنساۋلىق ساقتاۋ سالاسىنداعى وزەكتى ماسەلەلەر", "денсаулық сақтау саласындағы өзекті мәселелер"),
    ("وبلىستىق باسقارما باسشىسى بايانداما جاسادى", "облыстық басқарма басшысы баяндама жасады"),
    ("ادىلەتتى قازاقستان قۇرۋ جولىنداعى رەفورمالار", "әділетті қазақстан құру жолындағы реформалар"),
    ("جول سالۋ جۇمىستارى جىل سوڭىنا دەيىن اياقتالادى", "жол салу жұмыстары жыл соңына дейін аяқталады"),
    ("تۇرعىنداردىڭ ٴال-اۋقاتىن ارتتىرۋ باستى مىندەت", "тұрғындардың әл-ауқатын арттыру басты міндет"),
    ("جاساندى ينتەللەكت داۋىرىندەگى قازاقستان", "жасанды интеллект дәуіріндегі қазақстан"),
    (
        "ٴبىلىم بەرۋ ۇيىمدارىنىڭ ماتەريالدىق-تەحنيكالىق بازاسى",
        "білім беру ұйымдарының материалдық-техникалық базасы",
    ),
    ("كاسىپكەرلەرگە قارجىلاي كومەك كورسەتىلەدى", "кәсіпкерлерге қаржылай көмек көрсетіледі"),
    ("وڭىردە جاڭا ٴوندىرىس ورىندارى اشىلدى", "өңірде жаңа өндіріс орындары ашылды"),
    ("اكىم تۇرعىندارمەن كەزدەسۋ وتكىزدى", "әкім тұрғындармен кездесу өткізді"),
    ("مەملەكەتتىك باعدارلامالار اياسىندا ءۇي سالىندى", "мемлекеттік бағдарламалар аясында үй салынды"),
    ("جۇمىسسىزدىق دەڭگەيى تومەندەدى", "жұмыссыздық деңгейі төмендеді"),
    ("ۇلتتىق قۇرىلتاي وتىرىسىندا ٴسوز سويلەدى", "ұлттық құрылтай отырысында сөз сөйледі"),
    ("قوعامدىق كەڭەس مۇشەلەرى ۇسىنىس ەنگىزدى", "қоғамдық кеңес мүшелері ұсыныс енгізді"),
    (
        "جولداۋدى ٴتۇسىندىرۋ ماقساتىندا اقپاراتتىق توپ قۇرىلدى",
        "жолдауды түсіндіру мақсатында ақпараттық топ құрылды",
    ),
    ("قارجى مينيسترلىگىنە ءتيىستى تاپسىرمالار جۇكتەلدى", "қаржы министрлігіне тиісті тапсырмалар жүктелді"),
    ("بيۋدجەت قاراجاتى ٴتيىمدى پايدالانىلۋى كەرەك", "бюджет қаражаты тиімді пайдаланылуы керек"),
    ("اقپاراتتىق تەحنولوگييالاردى ەنگىزۋ قارقىنى", "ақпараттық технологияларды енгізу қарқыны"),
    (
        "مۇمكىندىگى شەكتەۋلى ازاماتتارعا قولداۋ كورسەتىلدى",
        "мүмкіндігі шектеулі азаматтарға қолдау көрсетілді",
    ),
    ("ٴبىرىنشى باسشىلار الدىنا ناقتى مىندەتتەر قويىلدى", "бірінші басшылар алдына нақты міндеттер қойылды"),
    (
        "ەل پرەزيدەنتى قاسىم-جومارت توقاەۆ حالىققا جولداۋىن جارييالادى",
        "ел президенті қасым-жомарт тоқаев халыққа жолдауын жариялады",
    ),
    ("جەرگىلىكتى كاسىپكەرلەر ٴوز ۇسىنىستارىن ايتتى", "жергілікті кәсіпкерлер өз ұсыныстарын айтты"),
    ("وبلىس ورتالىعىندا جيىرما بەس مىڭ تۇرعىن تۇرادى", "облыс орталығында жиырма бес мың тұрғын тұрады"),
    ("جاستار ساياساتى جونىندەگى باسقارما", "жастар саясаты жөніндегі басқарма"),
    ("اۋىز سۋ قۇبىرىن سالۋ جوباسى", "ауыз су құбырын салу жобасы"),
    ("جاڭا قازاقستان: جاڭارۋ مەن جاڭعىرۋ جولى", "жаңа қазақстан: жаңару мен жаңғыру жолы"),
    ("قازاقستان رەسپۋبليكاسىنىڭ پرەزيدەنتى", "қазақстан республикасының президенті"),
    ("اكىمدىك ٢٠٢٥ جىلى ٦٥٨ ملن تەڭگە ٴبولدى.", "әкімдік 2025 жылы 658 млн теңге бөлді."),
    ("ورتالىق ازييا ەلدەرىمەن ىنتىماقتاستىق", "орталық азия елдерімен ынтымақтастық"),
]


@pytest.mark.parametrize(("latin", "cyrillic"), LATIN_2017)
def test_latin2017_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin).text == cyrillic


@pytest.mark.parametrize(("latin", "cyrillic"), LATIN_2018)
def test_latin2018_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin).text == cyrillic


@pytest.mark.parametrize(("latin", "cyrillic"), LATIN_2021)
def test_latin2021_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin).text == cyrillic


@pytest.mark.parametrize(("latin", "cyrillic"), LATIN_INFORMAL)
def test_latin_informal_to_cyrillic(latin: str, cyrillic: str) -> None:
    result = to_cyrillic(latin)
    assert result.text == cyrillic
    assert result.alphabet == "latin_informal"


@pytest.mark.parametrize(("arabic", "cyrillic"), ARABIC)
def test_arabic_to_cyrillic(arabic: str, cyrillic: str) -> None:
    result = to_cyrillic(arabic)
    assert result.text == cyrillic
    assert result.alphabet == "arabic"


@pytest.mark.parametrize(
    ("arabic", "cyrillic"),
    [
        ("٢٠٢٤ جىلى ١٢ مىڭ ادام، ٴيا؟", "2024 жылы 12 мың адам, я?"),  # Arabic digits and punctuation
        ("۲۰۲۵ جىلعى جوسپار؛ ٴبىز", "2025 жылғы жоспар; біз"),  # Persian-style digits, ؛
        ("\u200fمەكتەپ\u200f سالىندى", "мектеп салынды"),  # right-to-left marks dropped
        ("قـــازاق ەلى", "қазақ елі"),  # tatweel dropped
        ("ءتىل ٴۇشىن", "тіл үшін"),  # both hamza code points
        ("ٸس-شارا ٵلەم", "іс-шара әлем"),  # precomposed front letters
        ("\ufefbباس", "лабас"),  # a presentation-form ligature (lam-alef) expanded
        ("ۆيدەو بايانداما", "видео баяндама"),  # ۆ is в
        ("ساياسي تۇراقتىلىق", "саяси тұрақтылық"),  # ي after a vowel before ا is я
        ("بيۋدجەت قاراجاتى", "бюджет қаражаты"),  # يۋ is ю
        ("جۇمىسپەن قامتۋ", "жұмыспен қамту"),  # -пен does not make жұмыс front
        ("قازاقستان Bailatyn", "қазақстан Bailatyn"),  # Latin inside Arabic text stays
    ],
)
def test_arabic_details(arabic: str, cyrillic: str) -> None:
    assert to_cyrillic(arabic, "arab").text == cyrillic


@pytest.mark.parametrize(
    ("text", "alphabet"),
    [
        ("Memleket bas'shysynyn' Joldau'y oblys a'kimi", "latin2017"),
        ("Oblys a'kimi ay'dan a'kimderine tapsyrma berdi", "latin2017"),
        ("Memleket basshysynyń Joldaýyn júzege asyrý", "latin2018"),
        ("Qazaqstan Respýblıkasy Úkimetiniń otyrysy", "latin2018"),
        ("Aıtylǵan mindetter oryndalady", "latin2018"),
        ("Memleket basşysynyñ Joldauyn jüzege asyru", "latin2021"),
        ("Oblys äkımı audan äkımderıne tapsyrma berdı", "latin2021"),
        ("Bılım beru salasyndağy özgerıster", "latin2021"),
        ("Memleket basshysynyn Joldauyn juzege asyru", "latin_informal"),
        ("Zhetisu oblysynyn akimi kezdesu otkizdi", "latin_informal"),
        ("وبلىس اكىمى تاپسىرما بەردى", "arabic"),
        ("Мемлекет басшысының Жолдауы", "none"),
    ],
)
def test_alphabet_is_detected(text: str, alphabet: str) -> None:
    assert to_cyrillic(text).alphabet == alphabet


@pytest.mark.parametrize(
    ("text", "script", "cyrillic"),
    [
        ("Ishki ister", "latin2018", "Ішкі істер"),  # 2018: i is і
        ("Ishki ister", "latin2021", "Ішкі істер"),  # 2021 text without any ı: i read as і
        ("Jiyn bılım", "latin2021", "Жиын білім"),  # 2021 with ı: i is и
        ("Bılım", "latin2021", "Білім"),  # 2021: ı is і
        ("Bılım", "latin2018", "Билим"),  # 2018: ı is и
        ("Ulken", "latin2021", "Улкен"),  # 2021: u is у
        ("Ulken", "latin2018", "Ұлкен"),  # 2018: u is ұ
        ("basy", "latin2017", "басы"),
        ("Myn' adam", "latin2017", "Мың адам"),
    ],
)
def test_alphabet_can_be_forced(text: str, script: str, cyrillic: str) -> None:
    assert to_cyrillic(text, script).text == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Shymkent", "Шымкент"),  # digraph, title case
        ("SHYMKENT", "ШЫМКЕНТ"),  # digraph, all caps
        ("ShYMKENT", "ШЫМКЕНТ"),
        ("AIMAQTYŃ ÁKIMI AITTY", "АЙМАҚТЫҢ ӘКІМІ АЙТТЫ"),  # 2018 capital I: й after a vowel, і in front words
        ("ISHKI ISTER MINISTRLIGI", "ІШКІ ІСТЕР МИНИСТРЛІГІ"),
        ("Tsıfrlyq Qazaqstan", "Цифрлық Қазақстан"),  # ts at the start of a word is ц
        ("aıtsa", "айтса"),  # ts inside a word stays тс
        ("ekonomıkalyq ósim", "экономикалық өсім"),  # a loan starting with e is э
        ("Prezıdent jarlyǵy", "Президент жарлығы"),
        ("Iapon elshisi", "Япон елшісі"),  # ıa at the start is я
        ("Qoıan jyly", "Қоян жылы"),  # ıa after a vowel is я
        ("Materıaldyq baza", "Материалдық база"),  # ıa after a consonant is иа
        ("sııaqty", "сияқты"),
        ("Bıýdjet", "Бюджет"),  # ıý is ю
        ("A\u0301kimdik pen a\u0301kim", "Әкімдік пен әкім"),  # decomposed acutes (a + U+0301)
        ("Ákimdik 2025 jyly 3,5 mlrd teńge bóldi!", "Әкімдік 2025 жылы 3,5 млрд теңге бөлді!"),
        ("Oblys ákimi Дархан Ахмед-Зәки aýdanda", "Облыс әкімі Дархан Ахмед-Зәки ауданда"),  # Cyrillic passes
        ("Tokayev pen Nazarbayev", "Тоқаев пен Назарбаев"),  # -ev surnames are not loans
    ],
)
def test_latin_details(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin, "latn").text == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Ay'dan a'kimi", "Аудан әкімі"),  # ASCII apostrophe
        ("Ay’dan a’kimi", "Аудан әкімі"),  # right single quotation mark
        ("Ayʼdan aʼkimi", "Аудан әкімі"),  # modifier letter apostrophe
        ("Mektep 'Bilim' a'kimdigi", "Мектеп 'Білім' әкімдігі"),  # quotes are not modifiers
        ("'Nur Otan' parti'i'asy ken'esi", "'Нұр Отан' партиясы кеңесі"),  # closing quote after n
        ("Ken'es o'tti, jyl son'y", "Кеңес өтті, жыл соңы"),
        ("Qazaqstannyn'", "Қазақстанның"),  # apostrophe at the end of the word
    ],
)
def test_2017_apostrophes(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin, "latin2017").text == cyrillic


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Мемлекет басшысының Жолдауы талқыланды", "cyrl"),
        ("Послание Главы государства обсудили в области", "cyrl"),
        ("Memleket basshysynyń Joldaýy talqylandy", "latn"),
        ("The Address of the President was discussed", "latn"),
        ("مەملەكەت باسشىسىنىڭ جولداۋى", "arab"),
        ("في هذا العام أعلن الرئيس", "arab"),
        ("Мемлекет басшысы Memleket basshysy", "mixed"),
        ("Жолдау مەملەكەت", "mixed"),
        ("2025 — 12,5 %", "none"),
        ("", "none"),
        ("Облыс әкімі (Oblys) 2025 жылы тапсырма берді", "cyrl"),  # one Latin word in Cyrillic
        ("中文", "none"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


@pytest.mark.parametrize(
    "text",
    [
        "Memleket basshysynyń Joldaýyn júzege asyrý",
        "Oblys ákimi aýdan ákimderine tapsyrma berdi",
        "Memleket basşysynyñ Joldauyn jüzege asyru",
        "Oblys a'kimi ay'dan a'kimderine tapsyrma berdi",
        "Memleket basshysynyn Joldauyn juzege asyru",
        "Oblys akimi audan akimderine tapsyrma berdi",
        "Zhetisu oblysynyn akimi kezdesu otkizdi",
        "Qazaqstan Respýblıkasy Prezıdentiniń Joldaýy",
        "Almaty oblysynda jańa mektep ashyldy",
        "Jolday",
        "Ortalyq Azııa elderi men Reseı arasyndaǵy yntymaqtastyq",
        "Biyl oblysta 600 oryndyk mektep salynady",
    ],
)
def test_latin_kazakh_score_high(text: str) -> None:
    assert latin_kazakh_score(text) >= 0.7


@pytest.mark.parametrize(
    "text",
    [
        "The President of Kazakhstan delivered his annual address to the people on Monday.",
        "The governor of the region instructed the district heads to build new schools.",
        "Cumhurbaşkanı Tokayev yıllık mesajında yeni reformları açıkladı.",
        "Türkiye ile Kazakistan arasındaki ticaret hacmi bu yıl arttı.",
        "Bu yıl yeni okul açılacak ve öğrenciler derslere başlıyor.",
        "Viloyat hokimi yangi maktab qurilishi bo'yicha topshiriq berdi.",
        "O'zbekiston Respublikasi Prezidenti xalqqa murojaat qildi.",
        "Yangi yil bilan tabriklayman, do'stlar!",
        "Der Präsident hat die jährliche Botschaft an das Volk gerichtet.",
        "Die Regierung wird neue Schulen in der Region bauen.",
        "Kazakhstan economy grows",
        "",
    ],
)
def test_latin_kazakh_score_low(text: str) -> None:
    assert latin_kazakh_score(text) < 0.3


@pytest.mark.parametrize(
    "text",
    [
        "مەملەكەت باسشىسىنىڭ جولداۋىن جۇزەگە اسىرۋ",
        "ءبىز ٴۇشىن ماڭىزدى ماسەلە",
        "وبلىس اكىمى تاپسىرما بەردى",
        "ءتىل ۇيرەنۋ ورتالىعى اشىلدى",
        "ىلە ايماعىندا جاڭا مەكتەپ سالىندى",
    ],
)
def test_arabic_kazakh_score_high(text: str) -> None:
    assert arabic_kazakh_score(text) >= 0.7


@pytest.mark.parametrize(
    "text",
    [
        "في هذا العام أعلن الرئيس عن خطة جديدة للتنمية",  # Arabic
        "رئیس جمهور در این سال برنامه جدیدی را اعلام کرد",  # Persian
        "ئۇ بۈگۈن مەكتەپكە باردى ۋە دەرس ئۆگەندى",  # Uyghur
        "Memleket basshysy",  # no Arabic script at all
    ],
)
def test_arabic_kazakh_score_low(text: str) -> None:
    assert arabic_kazakh_score(text) < 0.3


def test_source_span_maps_digraphs_back() -> None:
    source = "Oblys ákimi Shymkent qalasynda"
    result = to_cyrillic(source)
    start = result.text.index("Шымкент")
    assert result.source_span(start, start + len("Шымкент")) == (12, 20)
    assert source[12:20] == "Shymkent"
    sh = result.text.index("Ш")
    assert result.source_span(sh, sh + 1) == (12, 14)  # ш came from two letters


def test_source_span_covers_2017_apostrophes() -> None:
    source = "Qazaqstannyn' Prezi'denti"
    result = to_cyrillic(source)
    assert result.text == "Қазақстанның Президенті"
    assert result.source_span(0, 12) == (0, 13)
    start = result.text.index("Президенті")
    assert result.source_span(start, start + 10) == (14, len(source))


def test_source_span_covers_the_hamza() -> None:
    source = "اۋىل ٴۇشىن"
    result = to_cyrillic(source)
    assert result.text == "ауыл үшін"
    start = result.text.index("үшін")
    assert result.source_span(start, start + 4) == (5, len(source))  # the hamza at 5 is included


def test_source_span_clamps_out_of_range() -> None:
    result = to_cyrillic("Jolday")
    assert result.source_span(-5, 100) == (0, 6)
    assert result.source_span(4, 2) == (result.to_source[4], result.to_source[4])


def test_unknown_script_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown script"):
        to_cyrillic("Jolday", "klingon")


def test_cyrillic_is_returned_unchanged() -> None:
    text = "Облыс әкімі тапсырма берді."
    result = to_cyrillic(text)
    assert result == Transliteration(text, list(range(len(text) + 1)), "none")


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

_SCRIPTS = [None, "latn", "arab", "cyrl", "mixed", *ALPHABETS]
_KAZAKH_ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyzáǵńóúýıäğñöūüşçİI'’ʼ \u0301\u0308"
    "ابتجحدرزسشعقكگلمنڭوۇۋىيەٴءٵٶٷٸپچۆھـ،؛؟٠١٢\u200f\u064e\ufefb"
    "АӘБВГҒДЕЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЫІЭЮЯаәбвгғдежзийкқлмнңоөпрстуұүфхһцчшыіэюя0123456789.,-–«»\n"
)
_texts = st.one_of(st.text(max_size=60), st.text(alphabet=_KAZAKH_ALPHABETS, max_size=60))
_CYRILLIC = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


@settings(max_examples=300, deadline=None)
@given(text=_texts, script=st.sampled_from(_SCRIPTS))
def test_map_is_well_formed(text: str, script: str | None) -> None:
    result = to_cyrillic(text, script)
    assert len(result.to_source) == len(result.text) + 1
    assert result.to_source[-1] == len(text)
    assert all(a <= b for a, b in zip(result.to_source, result.to_source[1:], strict=False))
    assert all(0 <= i <= len(text) for i in result.to_source)


@settings(max_examples=200, deadline=None)
@given(text=_texts, start=st.integers(-5, 80), end=st.integers(-5, 80))
def test_source_span_is_within_bounds(text: str, start: int, end: int) -> None:
    result = to_cyrillic(text)
    s, e = result.source_span(start, end)
    assert 0 <= s <= e <= len(text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=_CYRILLIC + " .,;:!?«»()-–—0123456789\n", max_size=80))
def test_cyrillic_input_is_unchanged(text: str) -> None:
    for script in (None, "latn", "arab", "mixed", "latin_informal"):
        assert to_cyrillic(text, script).text == text


@settings(max_examples=200, deadline=None)
@given(text=_texts)
def test_scores_are_between_0_and_1(text: str) -> None:
    assert 0.0 <= latin_kazakh_score(text) <= 1.0
    assert 0.0 <= arabic_kazakh_score(text) <= 1.0
    assert detect_script(text) in {"cyrl", "latn", "arab", "mixed", "none"}


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="0123456789 .,;:!?%()-–\n\t", max_size=40))
def test_non_letters_are_kept_one_to_one(text: str) -> None:
    for script in ("latn", "latin2017", "arab"):
        result = to_cyrillic(text, script)
        assert result.text == text
        assert result.to_source == list(range(len(text) + 1))
