"""``usm-docgen init``: a new handbook that validates clean and builds, for a process owner to
fill in: every conf file with placeholders a person recognises and comments that say what to
change, the eight workflows with their templates' skeletons, the JSON Schemas the files'
first lines point at, a ``.gitignore``, a README for the handbook's own repository, and CI
files for GitLab and GitHub that check every merge request and publish the default branch."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from usm_docgen import __version__, schema
from usm_docgen.model import add_months
from usm_docgen.scaffold import SCHEMA_DIR, render_workflow
from usm_docgen.usm import TEMPLATES

WORKFLOW_IDS = {
    "nl": {
        1: "wens",
        2: "wijzigingsverzoek",
        3: "verstoring-via-wijziging",
        4: "verstoring-via-uitvoering",
        5: "uitvoeringsverzoek",
        6: "risico-via-afspraken",
        7: "risico-via-wijziging",
        8: "risico-via-uitvoering",
    },
    "en": {
        1: "wish",
        2: "request-for-change",
        3: "incident-via-change",
        4: "incident-via-operations",
        5: "service-request",
        6: "risk-via-agreements",
        7: "risk-via-change",
        8: "risk-via-operations",
    },
}
"""The id (and file name) of each template's first workflow in a new handbook."""

NODE_PINS = {
    "mermaid": "11.17.2",
    "jsdom": "29.0.1",
    "dompurify": "3.4.18",
    "@panzoom/panzoom": "4.6.2",
}
"""The npm packages a build needs (diagram checks and the site's scripts), pinned in the CI
files as in usm-docgen's own package.json (a test keeps the two the same)."""

_W = {
    "nl": {
        "title": "USM-handboek {org}",
        "description": "Hoe {org} haar dienstverlening afspreekt, levert en verbetert volgens "
        "USM. Vervang deze tekst door een korte inleiding voor de medewerkers.",
        "owner": "Servicemanager",
        "operator": "Medewerker servicedesk",
        "line": "Teamleider",
        "team": "Servicedesk",
        "users": "Medewerkers van {org}",
        "users-interest": "Werkende voorzieningen en snelle hulp bij vragen",
        "service": "Werkplek",
        "service-description": "Laptop, kantoorsoftware en ondersteuning daarbij",
        "task-area": "ICT-ondersteuning voor de medewerkers van {org}",
        "in-scope": "Werkplekken en kantoorsoftware",
        "out-of-scope": "Vakapplicaties (volgen in een later jaar)",
        "rationale": "De servicemanager bewaakt de werkwijze; de teamleider beslist over "
        "mensen en budget.",
        "duty": "Bespreekt elke twee weken de voortgang van de verbetersprint",
        "cadence": "na elke sprintreview",
        "practice": "Service request management",
        "practice-rationale": "Nog te vertalen naar de workflow voor uitvoeringsverzoeken.",
        "situation": "Beschrijf hier hoe er nu gewerkt wordt (de uitgangssituatie).",
        "way": "Beschrijf hier een gewoonte van nu",
        "indicator": "Aandeel calls dat op tijd is afgehandeld",
        "goal": "Calls worden op tijd afgehandeld",
        "relevance": "Leg hier uit waarom dit doel ertoe doet.",
        "achievable": "Leg hier uit waarom dit doel haalbaar is.",
        "sprint": "Eerste sprint",
        "people": "Uitleg van USM aan de servicedesk",
        "process": "Workflow uitvoeringsverzoek vastgesteld",
        "technology": "Registratie van calls ingericht",
        "topic": "USM-basis",
    },
    "en": {
        "title": "USM handbook {org}",
        "description": "How {org} agrees, delivers and improves its services with USM. "
        "Replace this text with a short introduction for the staff.",
        "owner": "Service manager",
        "operator": "Service desk employee",
        "line": "Team leader",
        "team": "Service desk",
        "users": "Staff of {org}",
        "users-interest": "Working facilities and quick help with questions",
        "service": "Workplace",
        "service-description": "Laptop, office software and the support that goes with it",
        "task-area": "IT support for the staff of {org}",
        "in-scope": "Workplaces and office software",
        "out-of-scope": "Business applications (to follow in a later year)",
        "rationale": "The service manager guards the way of working; the team leader decides "
        "on people and budget.",
        "duty": "Reviews the progress of the improvement sprint every two weeks",
        "cadence": "after each sprint review",
        "practice": "Service request management",
        "practice-rationale": "Still to be translated into the workflow for service requests.",
        "situation": "Describe here how work is done now (the current situation).",
        "way": "Describe a habit of today here",
        "indicator": "Share of calls handled in time",
        "goal": "Calls are handled in time",
        "relevance": "Explain here why this goal matters.",
        "achievable": "Explain here why this goal can be reached.",
        "sprint": "First sprint",
        "people": "USM explained to the service desk",
        "process": "Service request workflow approved",
        "technology": "Call registration set up",
        "topic": "USM basics",
    },
}

_COMMENT = {
    "nl": "# Gemaakt door usm-docgen init. Vervang de voorbeeldwaarden door die van jullie\n"
    "# organisatie; 'usm-docgen validate --strict' zegt wat er nog niet klopt.\n",
    "en": "# Made by usm-docgen init. Replace the example values with your organisation's;\n"
    "# 'usm-docgen validate --strict' tells you what does not fit yet.\n",
}


def _q(text: str) -> str:
    """A YAML string, quoted as JSON (which YAML reads)."""
    return json.dumps(text, ensure_ascii=False)


def _modeline(kind: str) -> str:
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{kind}.json\n"


def conf_files(organisation: str, language: str, today: dt.date) -> dict[str, str]:
    """conf/*.yaml of a new handbook, relative to its root → text."""
    w = {k: v.replace("{org}", organisation) for k, v in _W[language].items()}
    ids = WORKFLOW_IDS[language]
    intro = _COMMENT[language]
    soon, later = today + dt.timedelta(days=7), add_months(today, 6)
    files = {
        "conf/handbook.yaml": f"""{_modeline("handbook")}{intro}title: {_q(w["title"])}
organisation: {_q(organisation)}
language: {language}
edition: "0.1"   # the release shown on the site: raise it when you publish
owner: servicemanager   # a profile id from conf/profiles.yaml
description: |
  {w["description"]}
# Where these files are kept, so that every page links to its file:
# repository:
#   url: https://gitlab.example.org/team/handbook
#   branch: main
""",
        "conf/profiles.yaml": f"""{_modeline("profiles")}{intro}profiles:
  - id: servicemanager
    name: {_q(w["owner"])}
    usm_role: service-manager
    people: 1
  - id: medewerker
    name: {_q(w["operator"])}
    usm_role: operator
    unit: team
    people: 4
  - id: teamleider
    name: {_q(w["line"])}
    usm_role: line-manager
    unit: team
    people: 1
""",
        "conf/scope.yaml": f"""{_modeline("scope")}{intro}task_area: {_q(w["task-area"])}
units:
  - {{id: team, name: {_q(w["team"])}, kind: team}}
stakeholders:
  - {{id: gebruikers, name: {_q(w["users"])}, kind: user, interest: {_q(w["users-interest"])}}}
services:
  - id: werkplek
    name: {_q(w["service"])}
    description: {_q(w["service-description"])}
    customers: [gebruikers]
    owner: servicemanager
in_scope: [{_q(w["in-scope"])}]
out_of_scope: [{_q(w["out-of-scope"])}]
""",
        "conf/governance.yaml": f"""{_modeline("governance")}{intro}authority: balanced
authority_rationale: {_q(w["rationale"])}
process_owner: servicemanager
escalation: [servicemanager, teamleider]
management:
  - {{profile: teamleider, duty: {_q(w["duty"])}}}
sounding_board:
  members: [medewerker]
  cadence: {_q(w["cadence"])}
""",
        "conf/practices.yaml": f"""{_modeline("practices")}{intro}practices:
  - id: itil-service-request-management
    name: {_q(w["practice"])}
    framework: ITIL4
    status: planned
    processes: [operate]
    rationale: {_q(w["practice-rationale"])}
""",
        "conf/improvement.yaml": f"""{_modeline("improvement")}{intro}current_situation:
  assessed: {today}
  summary: {_q(w["situation"])}
  ways_of_working: [{_q(w["way"])}]
indicators:
  - {{id: op-tijd, name: {_q(w["indicator"])}, unit: "%", direction: up}}
baseline:   # the nulmeting: measure before the first sprint starts
  date: {today}
  method: usm-scan   # usm-scan, survey, log-extract, interview or other
  values: {{op-tijd: 50}}
goals:
  - id: op-tijd
    statement: {_q(w["goal"])}
    indicator: op-tijd
    target: 80
    due: {later}
    owner: servicemanager
    relevance: {_q(w["relevance"])}
    achievable: {_q(w["achievable"])}
sprints:
  - id: sprint-1
    name: {_q(w["sprint"])}
    start: {soon}
    end: {soon + dt.timedelta(days=41)}
    workflows: [{ids[5]}]
    goals: [op-tijd]
    deliverables:
      people: [{_q(w["people"])}]
      process: [{_q(w["process"])}]
      technology: [{_q(w["technology"])}]
    status: planned
knowledge_transfer:
  - id: usm-basis
    kind: workshop
    audience: [medewerker, teamleider, servicemanager]
    topics: [{_q(w["topic"])}, {ids[5]}]
    date: {soon}
""",
    }
    return files


def workflow_files(language: str) -> dict[str, str]:
    """workflows/*.yaml: each template's skeleton, owned by the service manager, its
    hand-offs pointing at the new workflow of the process it hands off to."""
    ids = WORKFLOW_IDS[language]
    starts: dict[str, str] = {}
    for number, template in TEMPLATES.items():
        starts.setdefault(template.starts_in, ids[number])
    files: dict[str, str] = {}
    for number in TEMPLATES:
        text = render_workflow(
            ids[number], number, None, "servicemanager", language, None, targets=starts
        )
        files[f"workflows/{ids[number]}.yaml"] = text
    return files


def support_files(organisation: str, language: str) -> dict[str, str]:
    """.gitignore, README.md and the CI files of the handbook's own repository."""
    npm = " ".join(f"{name}@{version}" for name, version in NODE_PINS.items())
    package = f"usm-docgen=={__version__}"
    gitignore = "handbook/_build/\n.*.usm-work/\n.usm-assets/\n.venv/\n"
    setup = [
        "python3 -m venv .venv",
        '.venv/bin/pip install --quiet "$USM_DOCGEN_PACKAGE"',
        f"npm install --no-save --no-audit --no-fund --prefix .usm-assets {npm}",
    ]
    gitlab = {
        "variables": {
            "USM_DOCGEN_PACKAGE": package,
            "USM_DOCGEN_NODE_MODULES": "$CI_PROJECT_DIR/.usm-assets/node_modules",
        },
        # Debian bookworm's Python 3.11 with Node 20, both from official images and packages
        "default": {
            "image": "node:20-bookworm",
            "before_script": [
                "apt-get update -qq && apt-get install -y -qq python3-venv > /dev/null",
                *setup,
            ],
        },
        "validate": {
            "stage": "test",
            "rules": [{"if": "$CI_PIPELINE_SOURCE == 'merge_request_event'"}],
            "script": [
                ".venv/bin/usm-docgen validate . --strict",
                "git fetch --quiet origin $CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
                ".venv/bin/usm-docgen diff origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME HEAD . "
                "--format markdown | tee changes.md",
                ".venv/bin/usm-docgen build . --out public --strict",
            ],
            "artifacts": {"paths": ["changes.md"], "expose_as": "What changed"},
        },
        "pages": {
            "stage": "deploy",
            "rules": [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}],
            "script": [".venv/bin/usm-docgen build . --out public --strict"],
            "artifacts": {"paths": ["public"]},
        },
    }
    github = {
        "name": "Handbook",
        "on": {"pull_request": {}, "push": {"branches": ["main"]}},
        "permissions": {"contents": "read", "pages": "write", "id-token": "write"},
        "env": {"USM_DOCGEN_PACKAGE": package},
        "jobs": {
            "check": {
                "runs-on": "ubuntu-latest",
                "steps": [
                    {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}},
                    {"uses": "actions/setup-python@v5", "with": {"python-version": "3.11"}},
                    {"uses": "actions/setup-node@v4", "with": {"node-version": "20"}},
                    {
                        "name": "Install usm-docgen",
                        "run": "\n".join(
                            [
                                *setup,
                                "echo USM_DOCGEN_NODE_MODULES=$PWD/.usm-assets/node_modules "
                                ">> $GITHUB_ENV",
                            ]
                        ),
                    },
                    {"name": "Validate", "run": ".venv/bin/usm-docgen validate . --strict"},
                    {
                        "name": "What changed",
                        "if": "github.event_name == 'pull_request'",
                        "run": ".venv/bin/usm-docgen diff origin/${{ github.base_ref }} HEAD . "
                        "--format markdown >> $GITHUB_STEP_SUMMARY",
                    },
                    {"name": "Build", "run": ".venv/bin/usm-docgen build . --out site --strict"},
                    {
                        "if": "github.event_name == 'push'",
                        "uses": "actions/upload-pages-artifact@v3",
                        "with": {"path": "site"},
                    },
                ],
            },
            "publish": {
                "if": "github.event_name == 'push'",
                "needs": "check",
                "runs-on": "ubuntu-latest",
                "environment": {"name": "github-pages"},
                "steps": [{"uses": "actions/deploy-pages@v4"}],
            },
        },
    }
    readme = _readme(organisation, language)
    return {
        ".gitignore": gitignore,
        "README.md": readme,
        ".gitlab-ci.yml": _yaml(gitlab),
        ".github/workflows/handbook.yml": _yaml(github),
    }


def _yaml(data: object) -> str:
    import yaml

    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return "# Made by usm-docgen init: check the handbook on every change, publish main.\n" + text


def _readme(organisation: str, language: str) -> str:
    if language == "nl":
        return f"""# USM-handboek {organisation}

Hoe wij werken volgens USM, als YAML-bestanden waar `usm-docgen` een website van maakt.

- `conf/`: het handboek zelf, het taakgebied, de profielen, de besturing, de practices en het
  verbeterprogramma.
- `workflows/`: één bestand per workflow; elk werkt een van de acht USM-templates uit.
- `schemas/`: de JSON Schemas waarmee je editor aanvult en controleert (de eerste regel van
  elk bestand wijst ernaar; `usm-docgen schema --out schemas` ververst ze).

```console
$ usm-docgen validate . --strict     # alle fouten in één keer, met bestand en regel
$ usm-docgen serve .                 # de site met live voorbeeld op http://127.0.0.1:8000
$ usm-docgen build . --out site      # de site in site/
```

Elke merge request wordt gecontroleerd en laat zien wat er verandert (`.gitlab-ci.yml`,
`.github/workflows/handbook.yml`); de standaardbranch wordt gepubliceerd.
"""
    return f"""# USM handbook {organisation}

How we work with USM, as YAML files that `usm-docgen` turns into a website.

- `conf/`: the handbook itself, the task area, the profiles, governance, the practices and the
  improvement programme.
- `workflows/`: one file per workflow; each works out one of USM's eight templates.
- `schemas/`: the JSON Schemas your editor completes and checks with (the first line of each
  file points there; `usm-docgen schema --out schemas` refreshes them).

```console
$ usm-docgen validate . --strict     # every problem at once, with file and line
$ usm-docgen serve .                 # the site with a live preview on http://127.0.0.1:8000
$ usm-docgen build . --out site      # the site in site/
```

Every merge request is checked and shows what changes (`.gitlab-ci.yml`,
`.github/workflows/handbook.yml`); the default branch is published.
"""


def init(target: Path, organisation: str, language: str, today: dt.date) -> int:
    """Write a new handbook into ``target`` (missing or an empty folder); 0 when done."""
    from usm_docgen.exits import EnvironmentFailure, UsageError

    if not organisation.strip() or len(organisation) > 200 or "\n" in organisation:
        raise UsageError("--organisation must be the organisation's name, on one line")
    if os.path.lexists(target) and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder: give a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(
            f"{target} is not empty: init starts a handbook in a new or empty folder and "
            "never writes over files"
        )
    files = {
        **conf_files(organisation, language, today),
        **workflow_files(language),
        **{f"{SCHEMA_DIR}/{kind}.json": schema.schema_text(kind) for kind in schema.KINDS},
        **support_files(organisation, language),
    }
    try:
        for rel, text in files.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as f:
                f.write(text)
    except OSError as exc:
        raise EnvironmentFailure(f"cannot write the new handbook into {target}", exc) from None
    print(
        f"usm-docgen: a new handbook in {target} ({len(files)} files). Next:\n"
        f"  usm-docgen validate {target} --strict\n"
        f"  usm-docgen serve {target}",
        file=sys.stdout,
    )
    return 0
