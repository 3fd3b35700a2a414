# ruff: noqa: E501  (prose: one paragraph per line reads and edits better than wrapped strings)
"""Demo events: past online events with their recordings and presentations, and upcoming ones.

Entry: slug; day (days from the day of loading: negative in the past), start (hour, minute in
Bishkek), hours (length); format, audience (accounts.visibility), capacity, language (of the
event), themes, organizer (a key of ORGANIZERS); online (it has a link to join), recording
(past: a recording on video.example.org); place (per language, in person or hybrid);
materials: (file of practices/demo/files, visibility); registrations: (demo member, status),
in the order they registered; and per language (title, description paragraphs).
"""

ORGANIZERS = {
    "ulsg": {
        "ky": "Кыргыз Республикасынын Жергиликтүү өз алдынча башкаруу органдарынын союзу",
        "ru": "Союз местных самоуправлений Кыргызской Республики",
        "en": "Union of Local Self-Governments of the Kyrgyz Republic",
    },
    "dpi": {
        "ky": "Өнүгүү саясатынын институту",
        "ru": "Институт политики развития",
        "en": "Development Policy Institute",
    },
    "ulsg-dpi": {
        "ky": "ЖӨБ союзу жана Өнүгүү саясатынын институту",
        "ru": "Союз МСУ и Институт политики развития",
        "en": "ULSG and the Development Policy Institute",
    },
}

EVENTS = [
    # Past online events ----------------------------------------------------------------
    {
        "slug": "exchange-drinking-water-services",
        "day": -34,
        "start": (10, 0),
        "hours": 2,
        "format": "online",
        "themes": ["utilities"],
        "organizer": "ulsg",
        "language": "ky_ru",
        "materials": [("kumbel-water-service-regulation-ru.pdf", "public"), ("water-service-guide-ru.pdf", "members")],
        "registrations": [("servant@demo.kg", "registered"), ("deputy@demo.kg", "registered")],
        "ky": (
            "Тажрыйба алмашуу: айылдагы таза суу кызматы",
            [
                "Кумбел айыл аймагынын адистери таза суу кызматын кантип түзгөнүн, тарифти тургундар менен кантип талкуулаганын жана төлөмдөрдү кантип чогултканын айтып беришет.",
                "Иш-чарага 90дон ашык муниципалдык кызматкер катышты. Жазуусу жана презентациялары төмөндө.",
            ],
        ),
        "ru": (
            "Обмен опытом: служба питьевой воды в селе",
            [
                "Специалисты Кумбельского айылного аймака рассказывают, как создали службу питьевой воды, обсуждали тариф с жителями и собирают платежи.",
                "В мероприятии участвовали более 90 муниципальных служащих. Запись и презентации — ниже.",
            ],
        ),
        "en": (
            "Experience exchange: a village drinking water service",
            [
                "Staff of Kumbel aiyl aimak explain how they set up their water service and agreed the tariff with residents. More than 90 municipal servants took part."
            ],
        ),
    },
    {
        "slug": "training-budget-hearings-online",
        "day": -58,
        "start": (10, 0),
        "hours": 3,
        "format": "online",
        "themes": ["budget", "participation"],
        "organizer": "ulsg",
        "language": "ky",
        "materials": [("budget-hearings-guide-ru.pdf", "public"), ("hearing-protocol-template-ky.pdf", "public")],
        "registrations": [("servant@demo.kg", "registered")],
        "ky": (
            "Окуу: бюджет боюнча коомдук угууларды өткөрүү",
            [
                "Айыл өкмөттөрүнүн финансы адистери үчүн онлайн окуу: угууну пландоо, тургундарды чакыруу, протоколду толтуруу жана жооп берүү.",
                "95 катышуучу. Колдонмо жана протоколдун үлгүсү материалдарда.",
            ],
        ),
        "ru": (
            "Обучение: проведение публичных бюджетных слушаний",
            [
                "Онлайн-обучение для финансистов айыл окмоту: планирование слушаний, приглашение жителей, протокол и обратная связь.",
                "95 участников. Руководство и образец протокола — в материалах.",
            ],
        ),
    },
    {
        "slug": "webinar-service-registries",
        "day": -93,
        "start": (14, 0),
        "hours": 2,
        "format": "online",
        "themes": ["management"],
        "organizer": "dpi",
        "language": "ru",
        "materials": [
            ("service-registry-presentation-ru.pdf", "public"),
            ("bosteri-service-standard-ky.pdf", "members"),
        ],
        "ky": (
            "Вебинар: муниципалдык кызматтардын реестри жана стандарттары",
            [
                "Кызматтардын реестрин кантип түзүү жана кеңеште бекитүү керек. Бостери айыл аймагынын тажрыйбасы.",
                "Катышуучулар — 110дон ашык.",
            ],
        ),
        "ru": (
            "Вебинар: реестр и стандарты муниципальных услуг",
            [
                "Как составить реестр услуг и утвердить его в кенеше. Опыт айылного аймака Бостери.",
                "Участников — более 110.",
            ],
        ),
        "en": (
            "Webinar: registers and standards of municipal services",
            [
                "How to draw up a register of services and have the council approve it, with the experience of Bosteri. More than 110 participants."
            ],
        ),
    },
    {
        "slug": "webinar-development-programme",
        "day": -127,
        "start": (10, 0),
        "hours": 2,
        "format": "online",
        "themes": ["planning"],
        "organizer": "ulsg-dpi",
        "language": "ky_ru",
        "materials": [("development-programme-guide-ky.pdf", "public")],
        "ky": (
            "Вебинар: социалдык-экономикалык өнүгүү программасын кантип түзүү керек",
            [
                "Программанын түзүмү, тургундар менен жолугушуулар, бюджет менен байланыш жана мониторинг.",
                "Ар бир вебинарга 90дон ашык адам катышты.",
            ],
        ),
        "ru": (
            "Вебинар: как составить программу социально-экономического развития",
            [
                "Структура программы, встречи с жителями, связь с бюджетом и мониторинг.",
                "В вебинаре участвовали более 90 человек.",
            ],
        ),
    },
    {
        "slug": "webinar-grb-gender-analysis",
        "day": -168,
        "start": (10, 0),
        "hours": 2,
        "format": "online",
        "themes": ["budget", "social"],
        "organizer": "dpi",
        "language": "ru",
        "materials": [("grb-analysis-methodology-ru.pdf", "public"), ("grb-guide-ky.pdf", "public")],
        "ky": (
            "Гендердик-багытталган бюджеттөө: жергиликтүү бюджетке гендердик талдоо",
            [
                "Сериянын биринчи вебинары: кандай маалыматтар керек, аларды кайдан алуу жана бюджеттин чыгымдарын кантип талдоо керек.",
                "92 катышуучу.",
            ],
        ),
        "ru": (
            "Гендерно-ориентированное бюджетирование: гендерный анализ местного бюджета",
            [
                "Первый вебинар серии: какие данные нужны, где их взять и как анализировать расходы бюджета.",
                "92 участника.",
            ],
        ),
        "en": (
            "Gender-responsive budgeting: a gender analysis of the local budget",
            [
                "The first webinar of the series: which data are needed, where to find them and how to analyse spending. 92 participants."
            ],
        ),
    },
    {
        "slug": "webinar-grb-council-decisions",
        "day": -161,
        "start": (10, 0),
        "hours": 2,
        "format": "online",
        "themes": ["budget", "keneshes"],
        "organizer": "dpi",
        "language": "ru",
        "materials": [("grb-deputies-presentation-ru.pdf", "members")],
        "ky": (
            "ГББ: талдоодон кеңештин чечимдерине чейин",
            [
                "Сериянын экинчи вебинары депутаттар үчүн: гендердик талдоонун жыйынтыктарын бюджетке кантип киргизүү керек.",
                "97 катышуучу.",
            ],
        ),
        "ru": (
            "ГОБ: от анализа к решениям кенеша",
            [
                "Второй вебинар серии — для депутатов: как превратить выводы гендерного анализа в решения о бюджете.",
                "97 участников.",
            ],
        ),
    },
    {
        "slug": "consultation-elections-kenesh-powers",
        "day": -201,
        "start": (15, 0),
        "hours": 2,
        "format": "online",
        "themes": ["keneshes"],
        "organizer": "ulsg",
        "language": "ky_ru",
        "materials": [("lsg-law-overview-ru.pdf", "public")],
        "ky": (
            "Шайлоо алдындагы консультация: жергиликтүү кеңештин ыйгарым укуктары",
            [
                "Депутаттыкка талапкерлер үчүн: кеңеш эмнени чечет, айыл өкмөтү менен кантип иштешет, мыйзамда эмне өзгөрдү.",
                "120дан ашык катышуучу.",
            ],
        ),
        "ru": (
            "Консультация перед выборами: полномочия местного кенеша",
            [
                "Для кандидатов в депутаты: что решает кенеш, как он взаимодействует с айыл окмоту, что изменилось в законе.",
                "Более 120 участников.",
            ],
        ),
        "en": (
            "Consultation before the elections: the powers of the local council",
            [
                "For candidates: what the council decides, how it works with the aiyl okmotu and what the law changed. More than 120 participants."
            ],
        ),
    },
    {
        "slug": "consultation-elections-deputy-accountability",
        "day": -194,
        "start": (15, 0),
        "hours": 2,
        "format": "online",
        "themes": ["keneshes", "participation"],
        "organizer": "ulsg",
        "language": "ky",
        "materials": [("deputy-report-handbook-ky.pdf", "members")],
        "ky": (
            "Шайлоо алдындагы консультация: депутат шайлоочулардын алдында",
            [
                "Депутат шайлоочулар менен кантип жолугат жана отчет берет. Кара-Балта шаардык кеңешинин тажрыйбасы.",
                "94 катышуучу.",
            ],
        ),
        "ru": (
            "Консультация перед выборами: депутат перед избирателями",
            [
                "Как депутат встречается с избирателями и отчитывается перед ними. Опыт Кара-Балтинского городского кенеша.",
                "94 участника.",
            ],
        ),
    },
    {
        "slug": "exchange-waste-collection",
        "day": -248,
        "start": (10, 0),
        "hours": 2,
        "format": "online",
        "themes": ["utilities"],
        "organizer": "ulsg",
        "language": "ky_ru",
        "materials": [("toktogul-waste-schedule-ru.pdf", "public"), ("toktogul-waste-contract-ky.pdf", "members")],
        "ky": (
            "Тажрыйба алмашуу: таштанды чыгаруу кызматы",
            [
                "Токтогул шаарынын адистери таштанды чыгаруунун графигин жана тургундар менен түзүлгөн келишимдерди кантип уюштурганын айтып беришет.",
                "90дон ашык катышуучу.",
            ],
        ),
        "ru": (
            "Обмен опытом: служба вывоза мусора",
            [
                "Город Токтогул рассказывает, как организовал график вывоза и договоры с жителями.",
                "Более 90 участников.",
            ],
        ),
    },
    {
        "slug": "webinar-citizens-budget",
        "day": -318,
        "start": (10, 0),
        "hours": 2,
        "format": "online",
        "themes": ["budget", "communications"],
        "organizer": "ulsg-dpi",
        "language": "ky",
        "materials": [("kara-bak-citizens-budget-ky.pdf", "public"), ("nookat-citizens-budget-ky.pdf", "public")],
        "ky": (
            "Вебинар: жарандык бюджетти кантип даярдоо керек",
            [
                "Жергиликтүү бюджетти тургундарга жөнөкөй тилде жана сүрөттөр менен кантип көрсөтүү керек. Кара-Бак жана Ноокаттын үлгүлөрү.",
                "101 катышуучу.",
            ],
        ),
        "ru": (
            "Вебинар: как подготовить гражданский бюджет",
            [
                "Как показать местный бюджет жителям простым языком и с картинками. Образцы Кара-Бака и Ноката.",
                "101 участник.",
            ],
        ),
    },
    # Upcoming -----------------------------------------------------------------------------
    {
        "slug": "webinar-local-revenue",
        "day": 8,
        "start": (10, 0),
        "hours": 2,
        "format": "online",
        "capacity": 100,
        "themes": ["budget", "property"],
        "organizer": "ulsg",
        "language": "ky_ru",
        "registrations": [("servant@demo.kg", "registered")],
        "ky": (
            "Вебинар: жергиликтүү бюджеттин кирешелерин кантип көбөйтүү керек",
            [
                "Мүлк салыгы, жерди ижарага берүү жана аукциондор: айыл аймактардын тажрыйбасы.",
                "Орундар чектелүү: 100 катышуучу. Кошулуу шилтемеси катталган катышуучуларга көрсөтүлөт.",
            ],
        ),
        "ru": (
            "Вебинар: как увеличить доходы местного бюджета",
            [
                "Налог на имущество, аренда земли и аукционы: опыт айылных аймаков.",
                "Мест — 100. Ссылка для подключения видна зарегистрированным участникам.",
            ],
        ),
        "en": (
            "Webinar: how to raise local budget revenue",
            [
                "Property tax, land leases and auctions: what aiyl aimaks have done. 100 places; the link is shown to registered participants."
            ],
        ),
    },
    {
        "slug": "seminar-bishkek-municipal-property",
        "day": 15,
        "start": (9, 30),
        "hours": 7,
        "format": "in_person",
        "capacity": 40,
        "themes": ["property"],
        "organizer": "ulsg",
        "language": "ru",
        "place": {
            "ky": "Бишкек шаары, Токтогул көчөсү, 125, ЖӨБ союзунун жыйындар залы",
            "ru": "г. Бишкек, ул. Токтогула, 125, зал заседаний Союза МСУ",
            "en": "Bishkek, 125 Toktogul street, ULSG meeting hall",
        },
        "ky": (
            "Семинар: муниципалдык мүлктү эсепке алуу жана ижарага берүү",
            [
                "Бир күндүк семинар мүлк боюнча адистер үчүн: инвентаризация, реестр, ижара келишимдери жана аукциондор.",
                "40 орун. Жол чыгымдары катышуучулардын эсебинен.",
            ],
        ),
        "ru": (
            "Семинар: учет и аренда муниципального имущества",
            [
                "Однодневный семинар для специалистов по имуществу: инвентаризация, реестр, договоры аренды и аукционы.",
                "40 мест. Проезд за счет участников.",
            ],
        ),
    },
    {
        "slug": "hybrid-forum-youth-participation",
        "day": 22,
        "start": (10, 0),
        "hours": 4,
        "format": "hybrid",
        "capacity": 80,
        "audience": "members",
        "themes": ["social", "participation"],
        "organizer": "ulsg-dpi",
        "language": "ky",
        "place": {
            "ky": "Ош шаары, Ленин көчөсү, 221, шаардык мэриянын чоң залы",
            "ru": "г. Ош, ул. Ленина, 221, большой зал мэрии",
        },
        "ky": (
            "Форум: жаштардын жергиликтүү чечимдерге катышуусу",
            [
                "Ошто жана онлайн: жаштар кеңештери, жаштар борборлору жана жергиликтүү бюджеттеги жаштар долбоорлору.",
                "Союздун мүчөлөрү үчүн. Залда жана онлайн 80 орун.",
            ],
        ),
        "ru": (
            "Форум: участие молодежи в местных решениях",
            [
                "В Оше и онлайн: молодежные советы, молодежные центры и молодежные проекты в местном бюджете.",
                "Для членов Союза. 80 мест в зале и онлайн.",
            ],
        ),
    },
    {
        "slug": "deputies-consultation-budget-review",
        "day": 29,
        "start": (16, 0),
        "hours": 2,
        "format": "online",
        "audience": "deputies",
        "themes": ["keneshes", "budget"],
        "organizer": "ulsg",
        "language": "ky_ru",
        "registrations": [("deputy@demo.kg", "registered")],
        "ky": (
            "Депутаттар үчүн консультация: кеңеште бюджеттин долбоорун кароо",
            [
                "Туруктуу комиссия бюджеттин долбоорун кантип карайт, эмнеге көңүл буруу керек жана тургундардын сунуштарын кантип эске алуу керек.",
                "Жергиликтүү кеңештердин депутаттары үчүн гана.",
            ],
        ),
        "ru": (
            "Консультация для депутатов: рассмотрение проекта бюджета в кенеше",
            [
                "Как постоянная комиссия рассматривает проект бюджета, на что обратить внимание и как учесть предложения жителей.",
                "Только для депутатов местных кенешей.",
            ],
        ),
        "en": (
            "Consultation for deputies: reviewing the draft budget in the council",
            [
                "How a standing committee reviews the draft budget and takes residents' proposals into account. For local council deputies only."
            ],
        ),
    },
    {
        "slug": "clinic-citizens-budget-karakol",
        "day": 36,
        "start": (14, 0),
        "hours": 3,
        "format": "in_person",
        "capacity": 2,
        "themes": ["budget", "communications"],
        "organizer": "dpi",
        "language": "ky",
        "place": {
            "ky": "Каракол шаары, Абдрахманов көчөсү, 130, мэриянын 2-кабаты",
            "ru": "г. Каракол, ул. Абдрахманова, 130, мэрия, 2-й этаж",
        },
        "registrations": [
            ("servant@demo.kg", "registered"),
            ("subscriber@demo.kg", "registered"),
            ("expired@demo.kg", "waiting"),
        ],
        "ky": (
            "Жеке консультация: жарандык бюджетиңизди бирге даярдайбыз",
            [
                "Эксперт эки муниципалитеттин адистери менен алардын жарандык бюджетинин долбоорун бирге карап чыгат.",
                "Эки гана орун; калгандар күтүү тизмесине жазылат.",
            ],
        ),
        "ru": (
            "Индивидуальная консультация: готовим ваш гражданский бюджет вместе",
            [
                "Эксперт вместе со специалистами двух муниципалитетов разберет проекты их гражданских бюджетов.",
                "Всего два места; остальные записываются в лист ожидания.",
            ],
        ),
    },
]
