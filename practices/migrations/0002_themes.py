"""The library's 10 themes (DESIGN.md "The 10 themes") in Kyrgyz, Russian and English.
Editors may reword them in the admin; this only creates them."""

from django.db import migrations

# slug, number, icon, (name, short name, description) in ky, ru, en
THEMES = [
    (
        "communications",
        1,
        "img/themes/communications.svg",
        {
            "ky": (
                "Коммуникациялар жана калкты маалымдоо",
                "Коммуникациялар",
                "Жергиликтүү бийлик тургундарга кантип маалымат берет: сайттар, социалдык тармактар, "
                "маалымат такталары, тургундар менен жолугушуулар.",
            ),
            "ru": (
                "Коммуникации и информирование населения",
                "Коммуникации",
                "Как органы МСУ информируют жителей: сайты, социальные сети, информационные доски, "
                "встречи с населением.",
            ),
            "en": (
                "Communications and informing citizens",
                "Communications",
                "How local governments keep residents informed: websites, social media, notice boards, "
                "meetings with residents.",
            ),
        },
    ),
    (
        "participation",
        2,
        "img/themes/participation.svg",
        {
            "ky": (
                "Жарандардын катышуусу жана жергиликтүү демилгелер",
                "Жарандардын катышуусу",
                "Тургундар чечим кабыл алууга кантип катышат: жыйындар, демилгелүү топтор, биргелешкен долбоорлор.",
            ),
            "ru": (
                "Участие граждан и местные инициативы",
                "Участие граждан",
                "Как жители участвуют в принятии решений: сходы, инициативные группы, совместные проекты.",
            ),
            "en": (
                "Citizen participation and local initiatives",
                "Participation",
                "How residents take part in decisions: village assemblies, initiative groups, joint projects.",
            ),
        },
    ),
    (
        "keneshes",
        3,
        "img/themes/keneshes.svg",
        {
            "ky": (
                "Жергиликтүү кеңештердин иши жана отчеттуулук",
                "Жергиликтүү кеңештер",
                "Депутаттардын иши, аткаруу органына көзөмөл жана шайлоочулардын алдында отчет берүү.",
            ),
            "ru": (
                "Работа местных кенешей и подотчетность",
                "Местные кенеши",
                "Работа депутатов, контроль над исполнительным органом и отчеты перед избирателями.",
            ),
            "en": (
                "Local kenesh work and accountability",
                "Local keneshes",
                "The work of deputies, oversight of the executive body and reporting to voters.",
            ),
        },
    ),
    (
        "management",
        4,
        "img/themes/management.svg",
        {
            "ky": (
                "Муниципалдык башкаруу, кадрлар жана санариптештирүү",
                "Башкаруу жана санарип",
                "Айыл өкмөтүнүн жана мэриянын уюштурулушу, кызматкерлерди окутуу, санариптик реестрлер жана кызматтар.",
            ),
            "ru": (
                "Муниципальное управление, кадры и цифровизация",
                "Управление и цифровизация",
                "Организация работы айыл окмоту и мэрии, обучение сотрудников, цифровые реестры и услуги.",
            ),
            "en": (
                "Municipal management, staff and digitalization",
                "Management and digital",
                "Running the aiyl okmotu and city hall, training staff, digital registries and services.",
            ),
        },
    ),
    (
        "planning",
        5,
        "img/themes/planning.svg",
        {
            "ky": (
                "Стратегиялык пландоо жана жергиликтүү экономикалык өнүгүү",
                "Пландоо жана экономика",
                "Социалдык-экономикалык өнүгүү программалары, инвестиция тартуу, жергиликтүү бизнести колдоо.",
            ),
            "ru": (
                "Стратегическое планирование и местное экономическое развитие",
                "Планирование и экономика",
                "Программы социально-экономического развития, привлечение инвестиций, поддержка местного бизнеса.",
            ),
            "en": (
                "Strategic planning and local economic development",
                "Planning and economy",
                "Socio-economic development programmes, attracting investment, support for local business.",
            ),
        },
    ),
    (
        "property",
        6,
        "img/themes/property.svg",
        {
            "ky": (
                "Муниципалдык менчик, жер жана өз кирешелер",
                "Менчик жана кирешелер",
                "Муниципалдык мүлктү жана жерди эсепке алуу жана башкаруу, жергиликтүү салыктар жана өз кирешелер.",
            ),
            "ru": (
                "Муниципальная собственность, земля и собственные доходы",
                "Собственность и доходы",
                "Учет и управление муниципальным имуществом и землей, местные налоги и собственные доходы.",
            ),
            "en": (
                "Municipal property, land and own revenues",
                "Property and revenues",
                "Registering and managing municipal property and land, local taxes and own revenues.",
            ),
        },
    ),
    (
        "utilities",
        7,
        "img/themes/utilities.svg",
        {
            "ky": (
                "Коммуналдык кызматтар: ичүүчү суу, санитария, катуу тиричилик калдыктары",
                "Суу, санитария, калдыктар",
                "Ичүүчү суу менен камсыз кылуу, санитария жана катуу тиричилик калдыктарын чогултуу кызматтары.",
            ),
            "ru": (
                "Коммунальные услуги: питьевая вода, санитария, твердые бытовые отходы",
                "Вода, санитария, отходы",
                "Службы питьевого водоснабжения, санитарии и сбора твердых бытовых отходов.",
            ),
            "en": (
                "Utilities: drinking water, sanitation and solid waste",
                "Water, sanitation, waste",
                "Drinking water supply, sanitation and solid waste collection services.",
            ),
        },
    ),
    (
        "infrastructure",
        8,
        "img/themes/infrastructure.svg",
        {
            "ky": (
                "Инфраструктура жана коомдук мейкиндиктер: жолдор, жарыктандыруу, көрктөндүрүү",
                "Инфраструктура",
                "Жолдор, көчө жарыгы, парктар, аянттар жана коомдук мейкиндиктерди көрктөндүрүү.",
            ),
            "ru": (
                "Инфраструктура и общественные пространства: дороги, освещение, благоустройство",
                "Инфраструктура",
                "Дороги, уличное освещение, парки, площади и благоустройство общественных пространств.",
            ),
            "en": (
                "Infrastructure and public spaces: roads, lighting, improvement",
                "Infrastructure",
                "Roads, street lighting, parks, squares and the improvement of public spaces.",
            ),
        },
    ),
    (
        "social",
        9,
        "img/themes/social.svg",
        {
            "ky": (
                "Социалдык кызматтар жана инклюзия: мектепке чейинки билим берүү, маданият, спорт, жаштар, "
                "аялуу топтор",
                "Социалдык кызматтар",
                "Балдар бакчалары, маданият жана спорт, жаштар менен иштөө, аялуу топторду колдоо.",
            ),
            "ru": (
                "Социальные услуги и инклюзия: дошкольное образование, культура, спорт, молодежь, уязвимые группы",
                "Социальные услуги",
                "Детские сады, культура и спорт, работа с молодежью, поддержка уязвимых групп.",
            ),
            "en": (
                "Social services and inclusion: preschool, culture, sport, youth, vulnerable groups",
                "Social services",
                "Kindergartens, culture and sport, work with young people, support for vulnerable groups.",
            ),
        },
    ),
    (
        "budget",
        10,
        "img/themes/budget.svg",
        {
            "ky": (
                "Бюджеттик пландоо, коомдук угуулар жана гендердик-багытталган бюджеттөө",
                "Бюджет жана угуулар",
                "Жергиликтүү бюджетти түзүү, бюджет боюнча коомдук угуулар жана гендердик-багытталган бюджеттөө.",
            ),
            "ru": (
                "Бюджетное планирование, публичные слушания и гендерно-ориентированное бюджетирование",
                "Бюджет и слушания",
                "Составление местного бюджета, публичные бюджетные слушания и гендерно-ориентированное "
                "бюджетирование.",
            ),
            "en": (
                "Budget planning, public hearings and gender-responsive budgeting",
                "Budget and hearings",
                "Drafting the local budget, public budget hearings and gender-responsive budgeting.",
            ),
        },
    ),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("practices", "Theme")
    for slug, number, icon, texts in THEMES:
        fields = {"number": number, "icon": icon}
        for language, (name, short_name, description) in texts.items():
            fields[f"name_{language}"] = name
            fields[f"short_name_{language}"] = short_name
            fields[f"description_{language}"] = description
        # The untranslated columns hold the default language (Kyrgyz), as modeltranslation expects.
        fields["name"], fields["short_name"], fields["description"] = texts["ky"]
        Theme.objects.update_or_create(slug=slug, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
