"""allauth's pages speak the portal's glossary (locale/GLOSSARY.md), not allauth's or Django's own words.

The portal's catalogue translates allauth's msgids (listed in accounts/allauth_strings.py), so Kyrgyz pages
say «Сырсөз» and «Электрондук почта», never «Купуя», «Эмейл» or «экат».
"""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]

EXPECTED = {
    "ky": {
        "/accounts/login/": ["Электрондук почта", "Сырсөз", "Сырсөзүңүздү унутуп калдыңызбы?", "Кирүү", "катталыңыз"],
        "/accounts/signup/": ["Электрондук почта", "Сырсөз", "Сырсөз (дагы бир жолу)", "Катталуу", "кириңиз"],
        "/accounts/password/reset/": ["Электрондук почта", "Сырсөздү калыбына келтирүү", "электрондук почтаңыздын"],
    },
    "ru": {
        "/accounts/login/": ["Электронная почта", "Пароль", "Забыли пароль?", "Войти", "зарегистрируйтесь"],
        "/accounts/signup/": ["Электронная почта", "Пароль", "Пароль (еще раз)", "Зарегистрироваться", "войдите"],
        "/accounts/password/reset/": ["Электронная почта", "Восстановление пароля", "адрес электронной почты"],
    },
}

# allauth's Kyrgyz («Купуя», «Эмейл», «эсеп» for account) and Django's («экат»); Russian «ё» and «E-mail».
OFF_GLOSSARY = {
    "ky": ["Купуя", "купуя", "Эмейл", "эмейл", "экат", "Экат", "эсеп", "Эсеп"],
    "ru": ["E-mail", "ещё", "учётн", "Сброс пароля"],
}


def main_content(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("page", PAGES)
def test_auth_page_uses_the_glossary_words(client, lang, page):
    response = client.get(f"/{lang}{page}")
    assert response.status_code == 200
    html = main_content(response)
    for word in EXPECTED[lang][page]:
        assert word in html, f"{word!r} missing on /{lang}{page}"
    for word in OFF_GLOSSARY[lang]:
        assert word not in html, f"off-glossary {word!r} on /{lang}{page}"


@pytest.mark.parametrize(
    ("lang", "error"),
    [("ky", "Электрондук почта же сырсөз туура эмес."), ("ru", "Неверный адрес электронной почты или пароль.")],
)
def test_wrong_password_error_uses_the_glossary_words(client, servant, lang, error):
    response = client.post(f"/{lang}/accounts/login/", {"login": servant.email, "password": "wrong-password-1"})
    html = main_content(response)
    assert error in html
    for word in OFF_GLOSSARY[lang]:
        assert word not in html


@pytest.mark.parametrize(("lang", "error"), [("ky", "Сырсөздөр дал келбейт."), ("ru", "Пароли не совпадают.")])
def test_passwords_that_do_not_match_are_told_in_the_glossary_words(client, lang, error):
    data = {"email": "new@aiyl.kg", "password1": "kumbel-water-2026!", "password2": "kumbel-water-2027!"}
    html = main_content(client.post(f"/{lang}/accounts/signup/", data))
    assert error in html
    for word in OFF_GLOSSARY[lang]:
        assert word not in html
