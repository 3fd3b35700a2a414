"""The load test's users (bench/loadtest.py runs this with locust, headless, on 127.0.0.1).

Readers browse the public pages and download free files, searchers search in Kyrgyz and Russian
with varied words, members sign in through the real sign-in form (allauth, CSRF token included)
and browse the library, members-only practices and the magazine, and download an issue they are
entitled to. What exists in the database (slugs, issues, files, accounts) comes from
bench/probe.py, in the JSON file named by BENCH_TARGETS.

Every answer of 500 or more is counted (a listener on locust's request event) and written to
BENCH_SERVER_ERRORS at the end, so loadtest.py can fail on a single one.
"""

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())
LANGUAGES = ("ky", "ru")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
server_errors = {"count": 0, "examples": []}


@events.request.add_listener
def count_server_errors(request_type, name, response_time, response_length, response=None, exception=None, **kw):
    status = getattr(response, "status_code", 0) or 0
    if status >= 500:
        server_errors["count"] += 1
        if len(server_errors["examples"]) < 20:
            server_errors["examples"].append(f"{status} {request_type} {name}")


@events.quitting.add_listener
def write_server_errors(environment, **kw):
    path = os.environ.get("BENCH_SERVER_ERRORS")
    if path:
        Path(path).write_text(json.dumps(server_errors))


def pick(name):
    return random.choice(TARGETS[name])


class Reading:
    """Pages everyone reads; `name` groups the statistics by kind of page, not by URL."""

    def language(self):
        return random.choice(LANGUAGES)

    def home(self):
        self.client.get(f"/{self.language()}/", name="home")

    def library(self):
        page = random.choice(["", "?page=2", "?page=3", "?sort=oldest", "?sigr=on"])
        self.client.get(f"/{self.language()}/practices/{page}", name="library")

    def theme(self):
        query = f"?region={pick('regions')}&year={pick('years')}" if random.random() < 0.6 else ""
        self.client.get(f"/{self.language()}/practices/themes/{pick('themes')}/{query}", name="theme")

    def practice(self):
        self.client.get(f"/{self.language()}/practices/{pick('practices')}/", name="practice")

    def magazine(self):
        self.client.get(f"/{self.language()}/magazine/", name="magazine")

    def issue(self):
        year, number = pick("issues")
        self.client.get(f"/{self.language()}/magazine/{year}/{number}/", name="issue")

    def search(self):
        language = self.language()
        words = TARGETS["search_words"][language]
        query = " ".join(random.sample(words, random.choice((1, 1, 2))))
        self.client.get(f"/{language}/search/", params={"q": query}, name=f"search {language}")

    def download(self):
        if random.random() < 0.5 and TARGETS["free_downloads"]:
            self.client.get(pick("free_downloads"), name="download: free issue")
        elif TARGETS["attachment_downloads"]:
            self.client.get(pick("attachment_downloads"), name="download: practice file")


class Reader(Reading, HttpUser):
    """An anonymous visitor."""

    weight = 5
    wait_time = between(1, 4)

    @task(3)
    def read_home(self):
        self.home()

    @task(4)
    def read_library(self):
        self.library()

    @task(3)
    def read_theme(self):
        self.theme()

    @task(6)
    def read_practice(self):
        self.practice()

    @task(2)
    def read_magazine(self):
        self.magazine()

    @task(2)
    def read_issue(self):
        self.issue()

    @task(1)
    def get_file(self):
        self.download()


class Searcher(Reading, HttpUser):
    """Someone who came to search, in Kyrgyz or Russian, and opens what they find."""

    weight = 2
    wait_time = between(2, 5)

    @task(3)
    def find(self):
        self.search()

    @task(1)
    def open_result(self):
        self.practice()


class Member(Reading, HttpUser):
    """A member: signs in through the form once (allauth allows 30 sign-ins a minute from one
    address, hence a fixed number of them), then browses, searches and downloads."""

    fixed_count = 25
    wait_time = between(1, 4)

    def on_start(self):
        self.signed_in = False
        self.email = random.choice(TARGETS["members"])
        if random.random() < 0.2:
            self.email = TARGETS["subscriber"]
        self.sign_in()

    def sign_in(self):
        language = self.language()
        login = f"/{language}/accounts/login/"
        page = self.client.get(login, name="sign-in form")
        match = CSRF.search(page.text or "")
        if not match:
            return
        data = {"login": self.email, "password": TARGETS["password"], "csrfmiddlewaretoken": match.group(1)}
        with self.client.post(
            login, data=data, headers={"Referer": f"{self.host}{login}"}, name="sign in", catch_response=True
        ) as response:
            if response.status_code == 429:  # allauth's rate limit: not an error of the server, try later
                response.success()
                return
            self.signed_in = "sessionid" in self.client.cookies
            if not self.signed_in:
                response.failure("signed out after the sign-in form")

    @task(4)
    def browse_library(self):
        if not self.signed_in:
            self.sign_in()
        self.client.get(f"/{self.language()}/practices/", name="library (member)")

    @task(3)
    def members_only_practice(self):
        slugs = TARGETS["member_practices"] or TARGETS["practices"]
        self.client.get(f"/{self.language()}/practices/{random.choice(slugs)}/", name="practice (member)")

    @task(2)
    def member_issue(self):
        year, number = pick("issues")
        self.client.get(f"/{self.language()}/magazine/{year}/{number}/", name="issue (member)")

    @task(2)
    def member_search(self):
        self.search()

    @task(1)
    def member_download(self):
        if self.email == TARGETS["subscriber"]:
            year, number = pick("issues")
            # The subscriber's plan covers recent issues only: a refusal (403) is an answer, not an error.
            with self.client.get(
                f"/{random.choice(LANGUAGES)}/magazine/{year}/{number}/pdf/{random.choice(LANGUAGES)}/",
                name="download: subscriber's issue",
                catch_response=True,
            ) as response:
                if response.status_code in (200, 403, 404):
                    response.success()
        else:
            self.download()

    @task(1)
    def profile(self):
        self.client.get(f"/{self.language()}/accounts/profile/", name="profile")
