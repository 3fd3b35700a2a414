"""The magazine's standing rubrics and the subscription plans of the demo."""

# slug: (ky, ru, en), in the order the contents list them
RUBRICS = {
    "hot-topic": ("Актуалдуу тема", "Горячая тема", "Hot topic"),
    "services": ("ЖӨБ кызматтары", "Услуги ОМСУ", "Services of LSGs"),
    "strategies": ("Жергиликтүү өнүгүү стратегиялары", "Стратегии местного развития", "Local development strategies"),
    "experience": ("Муниципалитеттердин тажрыйбасы", "Опыт муниципалитетов", "Experience of municipalities"),
    "deputy": ("Мен депутатмын", "Я — депутат", "I am a deputy"),
    "law": ("Мыйзам жана практика", "Закон и практика", "Law and practice"),
    "interview": ("Интервью", "Интервью", "Interview"),
}

# (kind, months, price in som, {language: (name, description)})
PLANS = [
    (
        "electronic",
        6,
        600,
        {
            "ky": (
                "Электрондук жазылуу, 6 ай",
                "Алты айдын ичинде чыккан ар бир сандын PDF-версиясы кыргыз жана орус тилдеринде. "
                "Жаңы сан чыкканда кат келет.",
            ),
            "ru": (
                "Электронная подписка на 6 месяцев",
                "PDF каждого номера, вышедшего за шесть месяцев, на кыргызском и русском языках. "
                "О новом номере сообщаем письмом.",
            ),
            "en": (
                "Electronic, 6 months",
                "The PDF of every issue published during six months, in Kyrgyz and Russian, "
                "with an e-mail when a new one comes out.",
            ),
        },
    ),
    (
        "electronic",
        12,
        1100,
        {
            "ky": (
                "Электрондук жазылуу, 12 ай",
                "Бир жылдагы бардык сандардын PDF-версиясы кыргыз жана орус тилдеринде; алты айлыктан арзаныраак.",
            ),
            "ru": (
                "Электронная подписка на 12 месяцев",
                "PDF всех номеров за год на кыргызском и русском языках; выгоднее двух полугодовых.",
            ),
            "en": (
                "Electronic, 12 months",
                "The PDF of every issue for a year, in Kyrgyz and Russian; cheaper than two six-month plans.",
            ),
        },
    ),
    (
        "print",
        6,
        900,
        {
            "ky": (
                "Басма жазылуу, 6 ай",
                "Журналдын басма нускасы почта аркылуу сиз көрсөткөн дарекке ай сайын жеткирилет.",
            ),
            "ru": (
                "Печатная подписка на 6 месяцев",
                "Печатный экземпляр журнала каждый месяц доставляется почтой по указанному вами адресу.",
            ),
            "en": ("Print, 6 months", "The printed magazine, posted every month to the address you give."),
        },
    ),
    (
        "print",
        12,
        1700,
        {
            "ky": (
                "Басма жазылуу, 12 ай",
                "Бир жыл бою басма нуска почта аркылуу; айыл өкмөтүнө бир нече нуска буйрутма кылса болот.",
            ),
            "ru": (
                "Печатная подписка на 12 месяцев",
                "Печатный экземпляр почтой весь год; айыл окмоту может заказать несколько экземпляров.",
            ),
            "en": (
                "Print, 12 months",
                "The printed magazine by post for a year; an aiyl okmotu may order several copies.",
            ),
        },
    ),
    (
        "combined",
        12,
        2000,
        {
            "ky": (
                "Басма + электрондук, 12 ай",
                "Басма нуска почта аркылуу жана ар бир сандын PDF-версиясы чыккан күнү эле: кабинетте да, жолдо да.",
            ),
            "ru": (
                "Печатная + электронная, 12 месяцев",
                "Печатный экземпляр почтой и PDF каждого номера в день выхода: и в кабинете, и в дороге.",
            ),
            "en": (
                "Print and electronic, 12 months",
                "The printed magazine by post and each issue's PDF on the day it comes out.",
            ),
        },
    ),
]
