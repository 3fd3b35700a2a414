# ruff: noqa: E501  (prose: one paragraph per line reads and edits better than wrapped strings)
"""Demo learning materials (Resource rows).

A material with a "file" takes its title from practices.demo.documents; a video
lesson has a "title" of its own and a `video_url`. Video links point to
video.example.org, a name reserved for examples (RFC 2606): the demo must not
send readers to a real channel that could host anything.
"""

VIDEO_HOST = "https://video.example.org/ulsg"

RESOURCES = [
    {
        "slug": "budget-hearings-guide",
        "kind": "guide",
        "themes": ["budget", "keneshes"],
        "audience": "everyone",
        "file": "budget-hearings-guide-ru.pdf",
        "year": 2022,
        "for_deputies": True,
        "description": {
            "ky": [
                "Бюджет боюнча коомдук угууларды пландоодон тартып тургундарга жооп берүүгө чейинки беш кадам. Айыл өкмөтүнүн адистери жана депутаттар үчүн."
            ],
            "ru": [
                "Пять шагов публичных бюджетных слушаний — от планирования до обратной связи с жителями. Для специалистов айыл окмоту, мэрий и депутатов."
            ],
            "en": [
                "Five steps of public budget hearings, from planning to reporting back to residents. For municipal staff and deputies."
            ],
        },
    },
    {
        "slug": "budget-hearing-minutes-template",
        "kind": "template",
        "themes": ["budget"],
        "audience": "servants",
        "file": "hearing-protocol-template-ky.pdf",
        "year": 2023,
        "for_deputies": True,
        "description": {
            "ky": [
                "Коомдук угуулардын протоколунун толтурулуучу үлгүсү: катышуучулар жынысы жана жашы боюнча, сунуштар жана аларды эске алуу."
            ],
            "ru": [
                "Заполняемый шаблон протокола публичных слушаний: участники по полу и возрасту, предложения и их учет."
            ],
        },
    },
    {
        "slug": "gender-budget-analysis-methodology",
        "kind": "methodology",
        "themes": ["budget", "social"],
        "audience": "servants",
        "file": "grb-analysis-methodology-ru.pdf",
        "year": 2023,
        "gender_budgeting": True,
        "visibility": "members",
        "description": {
            "ky": [
                "Жергиликтүү бюджеттин программаларына гендердик талдоо жүргүзүүнүн беш этабы: программаны тандоодон мониторингге чейин."
            ],
            "ru": [
                "Пять этапов гендерного анализа программ местного бюджета: от выбора программы до мониторинга. Для финансовых отделов и ответственных по гендерным вопросам."
            ],
            "en": [
                "Five stages of a gender analysis of local budget programmes, from choosing a programme to monitoring. For finance departments and gender focal points."
            ],
        },
    },
    {
        "slug": "grb-guide-for-municipalities",
        "kind": "guide",
        "themes": ["budget"],
        "audience": "everyone",
        "file": "grb-guide-ky.pdf",
        "year": 2024,
        "gender_budgeting": True,
        "description": {
            "ky": [
                "Гендердик-багытталган бюджеттөө эмне үчүн керек жана аны кантип баштоо керек: жөнөкөй мисалдар жана депутаттардын ролу."
            ],
            "ru": [
                "Зачем нужно гендерно-ориентированное бюджетирование и как его начать: простые примеры и роль депутатов."
            ],
        },
    },
    {
        "slug": "grb-for-deputies-slides",
        "kind": "presentation",
        "themes": ["budget", "keneshes"],
        "audience": "deputies",
        "file": "grb-deputies-presentation-ru.pdf",
        "year": 2024,
        "for_deputies": True,
        "gender_budgeting": True,
        "visibility": "deputies",
        "description": {
            "ky": [
                "Депутаттар үчүн презентация: аткаруу органынан кандай маалымат суроо керек, кеңеш бюджетке кайсы жерде таасир эте алат, түзөтүүнүн мисалы."
            ],
            "ru": [
                "Презентация для депутатов: какие данные запросить у исполнительного органа, где кенеш может повлиять на бюджет, пример поправки."
            ],
            "en": [
                "Slides for deputies: what data to ask the executive for, where the kenesh can shape the budget, an example amendment."
            ],
        },
    },
    {
        "slug": "reading-the-local-budget-video",
        "kind": "video",
        "themes": ["budget", "keneshes"],
        "audience": "deputies",
        "language": "ky",
        "video_url": f"{VIDEO_HOST}/reading-the-local-budget",
        "year": 2023,
        "for_deputies": True,
        "title": {
            "ky": "Жергиликтүү бюджетти кантип окуу керек: депутаттар үчүн видеосабак",
            "ru": "Как читать местный бюджет: видеоурок для депутатов",
            "en": "How to read the local budget: a video lesson for deputies",
        },
        "description": {
            "ky": [
                "25 мүнөттүк видеосабак: кирешелер жана чыгашалар, түшүндүрмө кат, депутат бюджеттин долбоорун караганда эмнеге көңүл бурушу керек."
            ],
            "ru": [
                "Видеоурок на 25 минут: доходы и расходы, пояснительная записка, на что депутату смотреть при рассмотрении проекта бюджета. На кыргызском языке."
            ],
            "en": [
                "A 25-minute video lesson: revenue and spending, the explanatory note, what a deputy should look at in a draft budget. In Kyrgyz."
            ],
        },
    },
    {
        "slug": "law-on-local-self-government-overview",
        "kind": "legal_act",
        "themes": ["keneshes", "management"],
        "audience": "everyone",
        "file": "lsg-law-overview-ru.pdf",
        "year": 2022,
        "description": {
            "ky": [
                "2021-жылы кабыл алынган «Жергиликтүү өз алдынча башкаруу жөнүндө» мыйзамдын кыскача сереби: ЖӨБ органдары, алардын ыйгарым укуктары, тургундардын катышуусунун формалары. Мыйзамдын расмий текстин алмаштырбайт."
            ],
            "ru": [
                "Краткий обзор Закона «О местном самоуправлении», принятого в 2021 году: органы МСУ, разграничение полномочий, формы участия жителей. Не заменяет официальный текст закона."
            ],
            "en": [
                "A short overview of the Law “On local self-government” adopted in 2021: local government bodies, their powers, forms of residents' participation. It does not replace the official text of the law."
            ],
        },
    },
    {
        "slug": "deputy-pocket-handbook-reporting",
        "kind": "guide",
        "themes": ["keneshes"],
        "audience": "deputies",
        "file": "deputy-report-handbook-ky.pdf",
        "year": 2024,
        "for_deputies": True,
        "visibility": "deputies",
        "description": {
            "ky": [
                "Шайлоочулар алдында отчет берүүгө даярдануу, бир сааттык жолугушуунун түзүлүшү жана андан кийинки иш."
            ],
            "ru": [
                "Как подготовиться к отчету перед избирателями, как построить часовую встречу и что делать после нее."
            ],
        },
    },
    {
        "slug": "kenesh-rules-of-procedure-model",
        "kind": "template",
        "themes": ["keneshes"],
        "audience": "deputies",
        "file": "kenesh-rules-template-ru.pdf",
        "year": 2022,
        "for_deputies": True,
        "visibility": "deputies",
        "description": {
            "ky": [
                "Жергиликтүү кеңештин өз регламентин даярдоо үчүн негиз: сессиялар, туруктуу комиссиялар, коомдук угуулар, отчеттуулук."
            ],
            "ru": [
                "Основа для собственного регламента кенеша: сессии, постоянные комиссии, публичные слушания, подотчетность."
            ],
        },
    },
    {
        "slug": "joint-problem-study-methodology",
        "kind": "methodology",
        "themes": ["participation", "planning"],
        "audience": "servants",
        "file": "joint-problem-study-ru.pdf",
        "year": 2019,
        "description": {
            "ky": [
                "Тургундар менен бирге көйгөйлөрдү аныктап, артыкчылыктарды тандап, биргелешкен аракеттердин планын түзүүнүн алты кадамы жана кеңири кездешкен каталар."
            ],
            "ru": [
                "Шесть шагов совместного с жителями изучения проблем и составления плана совместных действий, типичные ошибки."
            ],
            "en": [
                "Six steps to identify problems with residents, choose priorities and draw up a joint action plan, and common mistakes."
            ],
        },
    },
    {
        "slug": "drinking-water-service-guide",
        "kind": "guide",
        "themes": ["utilities"],
        "audience": "servants",
        "file": "water-service-guide-ru.pdf",
        "year": 2020,
        "description": {
            "ky": [
                "Айыл аймагында ичүүчү суу кызматын уюштуруу: кызматтын формасын тандоо, тариф, абоненттер менен келишим жана отчеттуулук."
            ],
            "ru": [
                "Как организовать службу питьевого водоснабжения в айылном аймаке: форма службы, тариф, договоры с абонентами и подотчетность."
            ],
            "en": [
                "How to set up a drinking water service in an aiyl aimak: the form of the service, the tariff, contracts with users and accountability."
            ],
        },
    },
    {
        "slug": "water-tariff-template",
        "kind": "template",
        "themes": ["utilities"],
        "audience": "servants",
        "file": "water-tariff-template-ky.pdf",
        "year": 2021,
        "visibility": "members",
        "description": {
            "ky": [
                "Ичүүчү суунун тарифин чыгымдардын негизинде эсептөөнүн толтурулуучу үлгүсү жана текшерүү суроолору."
            ],
            "ru": ["Заполняемый шаблон расчета тарифа на питьевую воду на основе затрат и контрольные вопросы."],
        },
    },
    {
        "slug": "property-inventory-methodology",
        "kind": "methodology",
        "themes": ["property"],
        "audience": "servants",
        "file": "property-inventory-ru.pdf",
        "year": 2021,
        "visibility": "members",
        "description": {
            "ky": [
                "Муниципалдык мүлктү инвентаризациялоону даярдоо жана өткөрүү, жыйынтыгы боюнча чечимдер жана өз кирешелерди көбөйтүү."
            ],
            "ru": [
                "Подготовка и проведение инвентаризации муниципального имущества, решения по итогам и рост собственных доходов."
            ],
            "en": [
                "Preparing and carrying out an inventory of municipal property, decisions on its results and raising own revenues."
            ],
        },
    },
    {
        "slug": "development-programme-guide",
        "kind": "guide",
        "themes": ["planning"],
        "audience": "everyone",
        "file": "development-programme-guide-ky.pdf",
        "year": 2022,
        "description": {
            "ky": [
                "Социалдык-экономикалык өнүгүү программасын бюджет менен байланыштырып түзүүнүн алты кадамы жана индикаторлор."
            ],
            "ru": [
                "Шесть шагов составления программы социально-экономического развития, увязанной с бюджетом, и индикаторы."
            ],
        },
    },
    {
        "slug": "municipal-service-registry-slides",
        "kind": "presentation",
        "themes": ["management"],
        "audience": "servants",
        "file": "service-registry-presentation-ru.pdf",
        "year": 2020,
        "description": {
            "ky": ["Муниципалдык кызматтардын реестри жана стандарттары: эмне үчүн керек жана кантип баштоо керек."],
            "ru": ["Реестр и стандарты муниципальных услуг: зачем они нужны и с чего начать."],
            "en": ["The registry and standards of municipal services: why they matter and where to start."],
        },
    },
    {
        "slug": "website-and-sms-video",
        "kind": "video",
        "themes": ["communications"],
        "audience": "servants",
        "language": "ky",
        "video_url": f"{VIDEO_HOST}/website-and-sms",
        "year": 2021,
        "title": {
            "ky": "Муниципалдык сайт жана SMS-маалымдоо: видеосабак",
            "ru": "Муниципальный сайт и SMS-информирование: видеоурок",
            "en": "A municipal website and SMS informing: a video lesson",
        },
        "description": {
            "ky": [
                "Айыл өкмөтүнүн сайтына эмнелер сөзсүз жарыяланышы керек жана тургундарга SMS аркылуу кантип кабар берүү керек: Каракол жана Ат-Башынын тажрыйбасы."
            ],
            "ru": [
                "Что обязательно публиковать на сайте айыл окмоту и как информировать жителей по SMS: опыт Каракола и Ат-Башы. На кыргызском языке."
            ],
        },
    },
    {
        "slug": "inclusive-preschool-guide",
        "kind": "guide",
        "themes": ["social"],
        "audience": "everyone",
        "file": "inclusive-preschool-guide-ru.pdf",
        "year": 2021,
        "description": {
            "ky": [
                "Бала бакчада ден соолугунун мүмкүнчүлүгү чектелген балдар үчүн инклюзивдүү тайпа ачуу: айыл өкмөтүнүн кадамдары, чыгымдар жана ата-энелер менен иштөө."
            ],
            "ru": [
                "Как открыть в детском саду инклюзивную группу для детей с ограниченными возможностями здоровья: шаги айыл окмоту, затраты, работа с родителями."
            ],
            "en": [
                "How to open an inclusive kindergarten group for children with special needs: the aiyl okmotu's steps, costs and work with parents."
            ],
        },
    },
    {
        "slug": "grb-video-lesson",
        "kind": "video",
        "themes": ["budget"],
        "audience": "everyone",
        "language": "ru",
        "video_url": f"{VIDEO_HOST}/gender-responsive-budgeting",
        "year": 2024,
        "gender_budgeting": True,
        "title": {
            "ky": "Гендердик-багытталган бюджеттөө: видеосабак",
            "ru": "Гендерно-ориентированное бюджетирование: видеоурок",
            "en": "Gender-responsive budgeting: a video lesson",
        },
        "description": {
            "ky": ["ГББнын негизги түшүнүктөрү жана Кайыңды менен Тамчынын мисалдары. Орус тилинде."],
            "ru": [
                "Основные понятия ГОБ и примеры Кайынды и Тамчы: как данные в разбивке по полу меняют решения о бюджете."
            ],
            "en": [
                "The basics of GRB with the examples of Kaiyndy and Tamchy: how data broken down by sex change budget decisions. In Russian."
            ],
        },
    },
]
