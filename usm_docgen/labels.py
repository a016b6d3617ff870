"""Every label the generated pages show, in Dutch and English, and the glossary of USM terms.

Labels are Markdown written by us (never user text), so they may hold ``*emphasis*``; a few hold
a ``{placeholder}`` the template fills in. Process, template, step-kind and profile-type names
live in ``usm.py``.

The words are USM's own (``handbook-format.md``, *Words*): a practice stays "practice" in Dutch
(USM's werkwijzen are its routines: process, procedure, work instruction); a profile is never
called a role; the Dutch labels address the reader with *je*, in the imperative.
"""

from __future__ import annotations

from dataclasses import dataclass

from usm_docgen.usm import Bilingual

LANGUAGES = ("nl", "en")

LABELS: dict[str, dict[str, str]] = {
    # page titles and the cards that lead to them
    "title.model": {"nl": "Het USM-model", "en": "The USM model"},
    "title.scope": {"nl": "Taakgebied en reikwijdte", "en": "Task area and scope"},
    "title.workflows": {"nl": "Workflows", "en": "Workflows"},
    "title.profiles": {"nl": "Profielen", "en": "Profiles"},
    "title.raci": {"nl": "RACI-overzicht", "en": "RACI matrix"},
    "raci.parts": {
        "nl": "Dit handboek heeft veel workflows; het overzicht staat daarom per template op "
        "een eigen pagina:",
        "en": "This handbook has many workflows, so the matrix has a page per template:",
    },
    "title.practices": {"nl": "Practices", "en": "Practices"},
    "title.governance": {"nl": "Besturing", "en": "Governance"},
    "title.improvement": {"nl": "Verbeterprogramma", "en": "Improvement programme"},
    "title.glossary": {"nl": "Begrippen", "en": "Glossary"},
    "title.reference": {"nl": "Naslag", "en": "Reference"},
    "card.scope": {
        "nl": "Wat deze organisatie doet, voor wie, met welke diensten en middelen.",
        "en": "What this organisation does, for whom, with which services and resources.",
    },
    "card.model": {
        "nl": "De vijf processen en acht workflowtemplates waarop dit handboek rust.",
        "en": "The five processes and eight workflow templates this handbook rests on.",
    },
    "card.workflows": {
        "nl": "Stap voor stap: hoe wij een call afhandelen, wie wat doet en wanneer.",
        "en": "Step by step: how we handle a call, who does what and when.",
    },
    "card.profiles": {
        "nl": "Zoek je profiel op en zie in welke stappen je iets doet.",
        "en": "Find your profile and see in which steps you do something.",
    },
    "card.raci": {
        "nl": "Per workflow wie uitvoert, wie eindverantwoordelijk is, wie wordt geraadpleegd "
        "en wie wordt geïnformeerd.",
        "en": "Per workflow who is responsible, accountable, consulted or informed.",
    },
    "card.practices": {
        "nl": "De practices uit ITIL, ASL, BiSL en andere kaders die wij gebruiken, en waar.",
        "en": "The practices from ITIL, ASL, BiSL and other frameworks we use, and where.",
    },
    "card.governance": {
        "nl": "Zeggenschap van proces en lijn, escalatie, management en klankbordgroep.",
        "en": "Authority of process and line, escalation, management and sounding board.",
    },
    "card.improvement": {
        "nl": "Huidige situatie, nulmeting, verbeterdoelen, verbetersprints en kennisoverdracht.",
        "en": "Current situation, baseline, improvement goals, improvement sprints and knowledge "
        "transfer.",
    },
    "card.glossary": {
        "nl": "De USM-begrippen in het Nederlands en het Engels.",
        "en": "The USM terms in English and Dutch.",
    },
    "card.reference": {
        "nl": "Voor wie het handboek bijhoudt: het bronformaat en de foutmeldingen.",
        "en": "For those who maintain the handbook: the source format and error messages.",
    },
    # home page
    "edition": {"nl": "editie", "en": "edition"},
    "where-to-go": {"nl": "Waar vind je wat?", "en": "Where to go"},
    "how-to-read": {"nl": "Zo lees je dit handboek", "en": "How to read this handbook"},
    "how-to-read.intro": {
        "nl": "Elke wens, elk wijzigingsverzoek, elke verstoring, elk uitvoeringsverzoek en elk "
        "risico is een *call*. Een call volgt een workflow van begin tot eind, zo nodig via "
        "overdrachten aan andere processen; elke stap heeft precies één eindverantwoordelijke. "
        "Begin bij de workflow die bij je call past, of bij je eigen profiel.",
        "en": "Every wish, request for change, incident, service request and risk is a *call*. "
        "A call follows a workflow from start to end, through hand-offs to other processes "
        "where needed; every step has exactly one accountable profile. Start at the workflow "
        "that fits your call, or at your own profile.",
    },
    "how-to-read.scope": {
        "nl": "voor wie we werken, welke diensten we leveren en wat buiten dit handboek valt",
        "en": "whom we work for, which services we deliver and what is outside this handbook",
    },
    "how-to-read.model": {
        "nl": "waarom er precies acht soorten workflows zijn en hoe ze samenhangen",
        "en": "why there are exactly eight kinds of workflow and how they fit together",
    },
    "how-to-read.workflows": {
        "nl": "per workflow het schema, de stappen, beslissingen en overdrachten",
        "en": "per workflow the diagram, the steps, decisions and hand-offs",
    },
    "how-to-read.profiles": {
        "nl": "per profiel wat je doet, in welke stap en met welke verantwoordelijkheid",
        "en": "per profile what you do, in which step and with which responsibility",
    },
    "how-to-read.raci": {
        "nl": "alle verantwoordelijkheden per workflow in één tabel",
        "en": "all responsibilities per workflow in one table",
    },
    "how-to-read.practices": {
        "nl": "welke practices uit ITIL, ASL en BiSL wij gebruiken en in welke stappen",
        "en": "which practices from ITIL, ASL and BiSL we use and in which steps",
    },
    "how-to-read.governance": {
        "nl": "wie beslist als proces en lijn het oneens zijn",
        "en": "who decides when process and line disagree",
    },
    "how-to-read.improvement": {
        "nl": "waar wij staan, waar wij naartoe werken en hoe wij dat meten",
        "en": "where we stand, where we are heading and how we measure it",
    },
    "how-to-read.glossary": {
        "nl": "de betekenis van de USM-begrippen",
        "en": "what the USM terms mean",
    },
    "task-area": {"nl": "Taakgebied", "en": "Task area"},
    "units": {"nl": "Organisatie-eenheden", "en": "Organisation units"},
    "unit": {"nl": "Eenheid", "en": "Unit"},
    "part-of": {"nl": "Onderdeel van", "en": "Part of"},
    "stakeholders": {"nl": "Belanghebbenden", "en": "Stakeholders"},
    "stakeholder": {"nl": "Belanghebbende", "en": "Stakeholder"},
    "interest": {"nl": "Belang", "en": "Interest"},
    "services": {"nl": "Diensten", "en": "Services"},
    "service": {"nl": "Dienst", "en": "Service"},
    "customers": {"nl": "Klanten", "en": "Customers"},
    "service-owner": {"nl": "Eigenaar", "en": "Owner"},
    "resources": {"nl": "Middelen", "en": "Resources"},
    "in-scope": {"nl": "Binnen de reikwijdte", "en": "In scope"},
    "out-of-scope": {"nl": "Buiten de reikwijdte", "en": "Out of scope"},
    # model page
    "model.intro": {
        "nl": "USM beschrijft elke dienstverlenende organisatie met dezelfde vijf processen. "
        "Elk proces start met een eigen soort call. Soms heeft een proces een ander "
        "proces nodig om de call af te ronden; die overdracht kan maar op acht manieren "
        "en daarom kent USM acht workflowtemplates. Elke workflow van ons werkt één "
        "template uit; een dynamische workflow werkt er meer uit en een beslissing kiest "
        "de route.",
        "en": "USM describes every service organisation with the same five processes. Each "
        "process starts with its own kind of call. Sometimes a process needs another "
        "process to finish a call; that hand-off can happen in only eight ways, so USM "
        "has eight workflow templates. Each of our workflows works out one template; a "
        "dynamic workflow works out several, and a decision chooses the route.",
    },
    "model.diagram-alt": {
        "nl": "Overzicht van de vijf USM-processen, de acht workflowtemplates en onze "
        "workflows. De tabellen op deze pagina geven dezelfde informatie.",
        "en": "Overview of the five USM processes, the eight workflow templates and our "
        "workflows. The tables on this page give the same information.",
    },
    "model.diagram-caption": {
        "nl": "De acht templates door de vijf processen, met onze workflows. De tabellen "
        "hieronder geven hetzelfde overzicht in tekst.",
        "en": "The eight templates through the five processes, with our workflows. The tables "
        "below give the same overview in text.",
    },
    "model.templates-intro": {
        "nl": "De standaardstappen hieronder zijn die van dit handboek, gebouwd op de "
        "procesblokken van USM; USM zelf schrijft ze niet zo voor. Elk template begint met "
        "aannemen en classificeren en eindigt met het toetsen van de oplevering en evalueren "
        "en afsluiten. Daartussen staan de stappen van het proces en de overdracht. "
        "Templates 1 tot en met 5 starten met een call van een klant of gebruiker; 6 tot en "
        "met 8 starten vanuit Verbeteren.",
        "en": "The standard steps below are this handbook's, built on USM's process blocks; "
        "USM itself does not prescribe them like this. Every template starts with accepting "
        "and classifying and ends with reviewing the delivery and evaluating and closing. In "
        "between are the process's own steps and the hand-off. Templates 1 to 5 start with a "
        "call from a customer or user; 6 to 8 start in Improve.",
    },
    "model.templates-path": {
        "nl": "Onder de naam van elk template staat zijn hele pad: de processen waar een call "
        "van dat template doorheen gaat, van het proces waarin hij start tot Uitvoeren.",
        "en": "Under each template's name is its whole path: the processes a call of that "
        "template passes through, from the process it starts in to Operate.",
    },
    "whole-paths": {"nl": "De hele paden", "en": "The whole paths"},
    "model.paths-intro": {
        "nl": "Een USM-workflow is het hele pad van een call door de processen: een proces "
        "draagt de call over aan het volgende, dat hem afrondt en teruggeeft. Er zijn "
        "precies acht paden, één per template. Het schema tekent ze met een baan per proces.",
        "en": "A USM workflow is the whole path of a call through the processes: a process "
        "hands the call off to the next, which finishes it and hands it back. There are "
        "exactly eight paths, one per template. The diagram draws them with a lane per process.",
    },
    "model.paths-alt": {
        "nl": "De acht hele paden door de vijf processen, met een baan per proces. De tabel "
        "met templates noemt dezelfde paden in tekst.",
        "en": "The eight whole paths through the five processes, with a lane per process. The "
        "table of templates names the same paths in text.",
    },
    "model.paths-caption": {
        "nl": "Elk template start met zijn naam in het proces van zijn call; de pijlen volgen "
        "de overdrachten tot Uitvoeren.",
        "en": "Each template starts with its name in the process of its call; the arrows "
        "follow the hand-offs to Operate.",
    },
    "model.dynamic": {
        "nl": "dynamisch, ook onder {templates}",
        "en": "dynamic, also under {templates}",
    },
    "processes": {"nl": "Processen", "en": "Processes"},
    "process": {"nl": "Proces", "en": "Process"},
    "trigger": {"nl": "Call die het start", "en": "Call that starts it"},
    "in-short": {"nl": "In het kort", "en": "In short"},
    "templates": {"nl": "De acht workflowtemplates", "en": "The eight workflow templates"},
    "template": {"nl": "Template", "en": "Template"},
    "template.plural": {"nl": "Templates", "en": "Templates"},
    "and": {"nl": "en", "en": "and"},
    "or": {"nl": "of", "en": "or"},
    "starts-in": {"nl": "Start in", "en": "Starts in"},
    "hands-off-to": {"nl": "Draagt over aan", "en": "Hands off to"},
    "skeleton": {"nl": "Standaardstappen", "en": "Standard steps"},
    "our-workflows": {"nl": "Onze workflows", "en": "Our workflows"},
    # a USM template's page: the workflows filed under it
    "template.page-intro": {
        "nl": "De workflows van dit handboek die dit USM-template uitwerken. Een call van "
        "dit template gaat door {path}.",
        "en": "The workflows of this handbook that work out this USM template. A call of "
        "this template passes through {path}.",
    },
    "template.model-link": {
        "nl": "Alle templates en processen van USM",
        "en": "All of USM's templates and processes",
    },
    "template.also": {
        "nl": "Dynamische workflows die ook dit template volgen:",
        "en": "Dynamic workflows that also follow this template:",
    },
    "not-described-yet": {"nl": "nog niet beschreven", "en": "not described yet"},
    # workflows
    "workflows.intro": {
        "nl": "Alle workflows van dit handboek, per USM-template. Alleen een "
        "vastgestelde workflow geldt als afgesproken manier van werken; een concept is nog "
        "in bespreking.",
        "en": "All workflows of this handbook, by USM template. Only an approved workflow "
        "is the agreed way of working; a draft is still under discussion.",
    },
    "no-workflows": {
        "nl": "Er zijn nog geen workflows beschreven.",
        "en": "No workflows have been described yet.",
    },
    "workflow": {"nl": "Workflow", "en": "Workflow"},
    "status": {"nl": "Status", "en": "Status"},
    "owner": {"nl": "Eigenaar", "en": "Owner"},
    "version": {"nl": "Versie", "en": "Version"},
    "last-review": {"nl": "Laatst beoordeeld", "en": "Last reviewed"},
    "next-review": {"nl": "Volgende beoordeling", "en": "Next review due"},
    "workflow.instance-of": {"nl": "Uitwerking van", "en": "Works out"},
    "workflow.dynamic": {
        "nl": "een dynamische workflow: een beslissing kiest de route",
        "en": "a dynamic workflow: a decision chooses the route",
    },
    "workflow.levels": {
        "nl": "Deze pagina werkt de workflow uit als procedure en werkinstructie: de stappen "
        "zeggen *wat* er gebeurt, de verantwoordelijkheden per stap *wie* het doet en de "
        "activiteiten *hoe*.",
        "en": "This page works the workflow out as a procedure and a work instruction: the "
        "steps say *what* happens, the responsibilities per step *who* does it and the "
        "activities *how*.",
    },
    "call": {"nl": "call", "en": "call"},
    "purpose": {"nl": "Doel", "en": "Purpose"},
    "flow": {"nl": "Verloop", "en": "Flow"},
    "workflow.diagram-alt": {
        "nl": "Stroomschema van de workflow {name}. De stappen hieronder beschrijven "
        "hetzelfde verloop in tekst.",
        "en": "Flowchart of the workflow {name}. The steps below describe the same flow in text.",
    },
    "workflow.diagram-caption": {
        "nl": "Het verloop van deze workflow, met een baan per uitvoerend profiel. De stappen "
        "hieronder beschrijven hetzelfde verloop in tekst.",
        "en": "The flow of this workflow, with a lane per responsible profile. The steps below "
        "describe the same flow in text.",
    },
    "steps-at-a-glance": {"nl": "Wie doet wat", "en": "Who does what"},
    "steps": {"nl": "Stappen", "en": "Steps"},
    "who": {"nl": "Wie", "en": "Who"},
    "step": {"nl": "Stap", "en": "Step"},
    "kind": {"nl": "Soort", "en": "Kind"},
    "activities": {"nl": "Activiteiten", "en": "Activities"},
    "how": {"nl": "Hoe", "en": "How"},
    "inputs": {"nl": "Invoer", "en": "Inputs"},
    "outputs": {"nl": "Resultaat", "en": "Outputs"},
    "decision": {"nl": "Beslissing", "en": "Decision"},
    "reached-from": {"nl": "Komt van", "en": "Reached from"},
    "then": {"nl": "Daarna", "en": "Then"},
    "next": {"nl": "verder met", "en": "continue with"},
    "end-of-workflow": {"nl": "einde van de workflow", "en": "end of the workflow"},
    "handoff": {"nl": "Overdracht", "en": "Hand-off"},
    "handoffs": {"nl": "Overdrachten", "en": "Hand-offs"},
    "handoffs.out": {
        "nl": "Waar deze workflow een call overdraagt:",
        "en": "Where this workflow hands a call on:",
    },
    "handoffs.in": {
        "nl": "Waar calls deze workflow binnenkomen, vanuit andere workflows:",
        "en": "Where calls enter this workflow from other workflows:",
    },
    "handoffs.this": {"nl": "deze workflow", "en": "this workflow"},
    "handoffs.in-many": {
        "nl": "Calls komen deze workflow binnen vanuit {count} stappen van andere workflows; "
        "per template van die workflows:",
        "en": "Calls enter this workflow from {count} steps of other workflows; per template "
        "of those workflows:",
    },
    "handoff.starts": {
        "nl": "In deze stap start de call de workflow {workflow}.",
        "en": "In this step the call starts the workflow {workflow}.",
    },
    "handoff.returns": {
        "nl": "Als die klaar is, gaat deze workflow verder met de volgende stap.",
        "en": "When that is done, this workflow continues with the next step.",
    },
    "handoff.ends": {
        "nl": "Deze workflow eindigt hier; de call wordt in die workflow afgerond.",
        "en": "This workflow ends here; the call is finished in that workflow.",
    },
    "handoff.returns-short": {"nl": "komt daarna terug", "en": "comes back afterwards"},
    "handoff.ends-short": {"nl": "eindigt daar", "en": "ends there"},
    "whole-path": {"nl": "Het hele pad", "en": "The whole path"},
    "whole-path.intro": {
        "nl": "Een USM-workflow is het hele pad van een call door de processen. Deze workflow "
        "beschrijft het deel in {process}; met overdrachten gaat de call verder.",
        "en": "A USM workflow is the whole path of a call through the processes. This workflow "
        "describes the part in {process}; through hand-offs the call goes on.",
    },
    "whole-path.dynamic": {
        "nl": "Een beslissing in deze workflow kiest welk van deze paden de call volgt.",
        "en": "A decision in this workflow chooses which of these paths the call takes.",
    },
    "whole-path.chain": {
        "nl": "Vanuit deze workflow gaat de call verder naar:",
        "en": "From this workflow the call goes on to:",
    },
    "whole-path.end": {
        "nl": "Deze workflow draagt niet over: hier eindigt het pad.",
        "en": "This workflow hands off to no other: the path ends here.",
    },
    "whole-path.loop": {
        "nl": "staat al eerder in deze keten",
        "en": "already earlier in this chain",
    },
    "whole-path.from-none": {
        "nl": "Geen andere workflow draagt aan deze workflow over.",
        "en": "No other workflow hands off to this one.",
    },
    "practices": {"nl": "Practices", "en": "Practices"},
    "practice": {"nl": "Practice", "en": "Practice"},
    "no-practices": {"nl": "Nog geen practices vastgelegd.", "en": "No practices recorded yet."},
    "conformance": {"nl": "Aansluiting op het template", "en": "Conformance to the template"},
    "conformance.intro": {
        "nl": "Welke stap van deze workflow elke standaardstap van template {template} "
        "invult, en welke standaardstappen bewust zijn weggelaten. De standaardstappen zijn "
        "die van dit handboek, gebouwd op de procesblokken van USM.",
        "en": "Which step of this workflow fills each standard step of template {template}, "
        "and which standard steps were left out on purpose. The standard steps are this "
        "handbook's, built on USM's process blocks.",
    },
    "conformance.routes": {
        "nl": "De templates van een dynamische workflow hebben dezelfde standaardstappen. De "
        "controle gebeurt per route: van de start via elke overdracht tot het einde, tegen "
        "het template van die route.",
        "en": "The templates of a dynamic workflow share their standard steps. They are "
        "checked per route: from the start through each hand-off to the end, against the "
        "template of that route.",
    },
    "skeleton-step": {"nl": "Standaardstap", "en": "Standard step"},
    "in-this-workflow": {"nl": "In deze workflow", "en": "In this workflow"},
    "omitted": {"nl": "bewust weggelaten", "en": "left out on purpose"},
    "missing": {"nl": "ontbreekt", "en": "missing"},
    "source-file": {"nl": "Bronbestand", "en": "Source file"},
    # RACI
    "raci.R": {"nl": "Uitvoerend", "en": "Responsible"},
    "raci.A": {"nl": "Eindverantwoordelijk", "en": "Accountable"},
    "raci.C": {"nl": "Geraadpleegd", "en": "Consulted"},
    "raci.I": {"nl": "Geïnformeerd", "en": "Informed"},
    "raci.legend": {
        "nl": "**R** voert de stap uit, **A** is eindverantwoordelijk (precies één per stap), "
        "**C** wordt vooraf geraadpleegd, **I** wordt achteraf geïnformeerd.",
        "en": "**R** does the step, **A** is accountable for it (exactly one per step), "
        "**C** is consulted beforehand, **I** is informed afterwards.",
    },
    "open-workflow": {"nl": "Naar de workflow", "en": "Open the workflow"},
    "raci.intro": {
        "nl": "Per workflow de profielen die in een stap een verantwoordelijkheid hebben.",
        "en": "Per workflow the profiles that have a responsibility in a step.",
    },
    # profiles
    "profiles.intro": {
        "nl": "Een profiel is het geheel van taken, bevoegdheden en verantwoordelijkheden "
        "van een functie en/of rol. Eén medewerker kan meer profielen hebben; het aantal "
        "mensen is dat van de huidige situatie. Het profieltype zegt welk soort USM-profiel "
        "het is.",
        "en": "A profile is the set of tasks, authorities and responsibilities of a position "
        "and/or role. One person may hold several profiles; the number of people is that of "
        "the current situation. The profile type says which kind of USM profile it is.",
    },
    "profile": {"nl": "Profiel", "en": "Profile"},
    "usm-role": {"nl": "Profieltype", "en": "Profile type"},
    "people": {"nl": "Aantal mensen", "en": "People"},
    "profile.what-do-i-do": {"nl": "Wat je doet", "en": "What you do"},
    "profile.steps-intro": {
        "nl": "De stappen waarin dit profiel een verantwoordelijkheid heeft, per workflow, met "
        "de activiteiten waar het de stap uitvoert of ervoor eindverantwoordelijk is.",
        "en": "The steps where this profile has a responsibility, per workflow, with the "
        "activities where it carries out the step or is accountable for it.",
    },
    # the pages in between of a large handbook's navigation (render.nav_groups)
    "nav.workflows": {
        "nl": "De workflows van dit deel van het template:",
        "en": "The workflows of this part of the template:",
    },
    "nav.profiles": {
        "nl": "De profielen van dit type:",
        "en": "The profiles of this kind:",
    },
    "nav.paths": {
        "nl": "De leerpaden van de profielen van dit type:",
        "en": "The learning paths of the profiles of this kind:",
    },
    "needs.summary": {"nl": "Per profiel", "en": "Per profile"},
    "needs.summary-intro": {
        "nl": "Hoeveel workflows elk profiel moet leren kennen, en hoeveel daarvan op tijd, "
        "te laat of nog niet in een sessie aan bod komen. Het leerpad van een profiel noemt "
        "de workflows en sessies.",
        "en": "How many workflows each profile must learn, and how many of them a session "
        "covers in time, late or not yet. A profile's learning path names the workflows and "
        "sessions.",
    },
    # a large profile: its steps on pages per template
    "profile.parts-intro": {
        "nl": "Dit profiel heeft een verantwoordelijkheid in {steps} stappen van {workflows} "
        "workflows. Ze staan in delen, op volgorde van template: het eerste deel hieronder, "
        "de andere op eigen pagina's.",
        "en": "This profile has a responsibility in {steps} steps of {workflows} workflows. "
        "They are listed in parts, in template order: the first part below, the others on "
        "pages of their own.",
    },
    "profile.owned-many": {
        "nl": "Dit profiel is eigenaar van {count} workflows; per template:",
        "en": "This profile owns {count} workflows; per template:",
    },
    "profile.parts-letters": {"nl": "Verantwoordelijkheden", "en": "Responsibilities"},
    "profile.part": {"nl": "Deel", "en": "Part"},
    "profile.part-intro": {
        "nl": "De stappen waarin {profile} een verantwoordelijkheid heeft, in de workflows op "
        "deze pagina.",
        "en": "The steps where {profile} has a responsibility, in the workflows on this page.",
    },
    "profile.no-steps": {
        "nl": "Dit profiel heeft in geen enkele workflow een stap.",
        "en": "This profile has no step in any workflow.",
    },
    "profile.my-part": {"nl": "Verantwoordelijkheid", "en": "Responsibility"},
    "profile.informed": {
        "nl": "Alleen geraadpleegd of geïnformeerd",
        "en": "Only consulted or informed",
    },
    "profile.informed-intro": {
        "nl": "In deze workflows voert dit profiel geen stap uit en is het nergens "
        "eindverantwoordelijk: het wordt vooraf geraadpleegd (**C**) of achteraf "
        "geïnformeerd (**I**).",
        "en": "In these workflows this profile carries out no step and is accountable for "
        "none: it is consulted beforehand (**C**) or informed afterwards (**I**).",
    },
    "profile.owned-workflows": {"nl": "Eigenaar van workflows", "en": "Workflows owned"},
    "profile.management": {"nl": "Besturing", "en": "Governance"},
    "profile.handbook-owner": {"nl": "Eigenaar van dit handboek.", "en": "Owner of this handbook."},
    "profile.process-owner": {
        "nl": "Eigenaar van het USM-procesmodel",
        "en": "Owner of the USM process model",
    },
    "profile.escalation": {
        "nl": "Stap {n} in het escalatiepad",
        "en": "Step {n} of the escalation path",
    },
    "profile.on-board": {
        "nl": "Dit profiel is lid van de klankbordgroep.",
        "en": "This profile is a member of the sounding board.",
    },
    "profile.more-on-board": {
        "nl": "Meer over de klankbordgroep",
        "en": "More on the sounding board",
    },
    "profile.owned-goals": {"nl": "Eigenaar van verbeterdoelen", "en": "Improvement goals owned"},
    "profile.owned-other": {"nl": "Ook eigenaar van", "en": "Also owner of"},
    "profile.more-on-kt": {
        "nl": "Het hele plan voor kennisoverdracht",
        "en": "The whole knowledge-transfer plan",
    },
    # practices
    "practices.intro": {
        "nl": "Practices uit ITIL, ASL, BiSL en andere kaders zeggen *hoe* iets kan; USM zegt "
        "*wat* er gebeurt. Wij vertalen elke practice naar de werkwijzen van USM: processen, "
        "procedures en werkinstructies, hier de stappen van onze workflows. Deze pagina laat "
        "zien welke practices wij gebruiken en in welke workflows en stappen.",
        "en": "Practices from ITIL, ASL, BiSL and other frameworks say *how* something can be "
        "done; USM says *what* happens. We translate each practice into USM's routines: "
        "processes, procedures and work instructions, here the steps of our workflows. This "
        "page shows which practices we use and in which workflows and steps.",
    },
    "practices.coverage": {"nl": "Dekking per proces", "en": "Coverage per process"},
    "practices.coverage-intro": {
        "nl": "Per USM-proces de practices die het ondersteunen, per kader.",
        "en": "Per USM process the practices that support it, by framework.",
    },
    "practices.status-legend": {
        "nl": "Een practice zonder toevoeging passen wij toe.",
        "en": "A practice shown without a note is one we apply.",
    },
    "practices.all": {"nl": "Alle practices", "en": "All practices"},
    "framework": {"nl": "Kader", "en": "Framework"},
    "rationale": {"nl": "Toelichting", "en": "Rationale"},
    "practice.where": {
        "nl": "Waar wij deze practice toepassen",
        "en": "Where we apply this practice",
    },
    "practice.nowhere": {"nl": "Nog in geen enkele workflow.", "en": "Not in any workflow yet."},
    # governance
    "source.edit": {"nl": "Bewerk dit bestand", "en": "Edit this file"},
    "line": {"nl": "regel", "en": "line"},
    "source.changed": {
        "nl": "Laatst gewijzigd op {date} in commit {commit}",
        "en": "Last changed on {date} in commit {commit}",
    },
    "governance.reviews": {"nl": "Beoordelingen", "en": "Reviews"},
    "governance.reviews-intro": {
        "nl": "Per eigenaar elke workflow en practice, met de laatste en de volgende "
        "beoordeling, berekend op {date}. De volgende beoordeling is de laatste plus de termijn "
        "(review_every, in maanden); een vastgestelde workflow waarvan die datum voorbij is, "
        "is te laat. Een concept of vervallen workflow is nooit te laat.",
        "en": "Per owner, every workflow and practice with its last and next review, as of "
        "{date}. The next review is the last one plus its interval (review_every, in months); "
        "an approved workflow past that date is overdue. A draft or retired workflow is never "
        "overdue.",
    },
    "governance.reviews-count": {
        "nl": "{items} in beheer · {overdue} te laat · {never} nooit beoordeeld",
        "en": "{items} owned · {overdue} overdue · {never} never reviewed",
    },
    "governance.reviews-many": {
        "nl": "Hieronder alleen wat te laat is of nooit beoordeeld; de pagina van elke workflow "
        "noemt haar eigen data.",
        "en": "Below only what is overdue or never reviewed; each workflow's page gives its own "
        "dates.",
    },
    "governance.no-owner": {"nl": "Zonder eigenaar", "en": "Without an owner"},
    "governance.item": {"nl": "Workflow of practice", "en": "Workflow or practice"},
    "governance.kind-workflow": {"nl": "workflow", "en": "workflow"},
    "governance.kind-practice": {"nl": "practice", "en": "practice"},
    "review.overdue": {"nl": "te laat", "en": "overdue"},
    "review.never": {"nl": "nooit beoordeeld", "en": "never reviewed"},
    "governance.intro": {
        "nl": "USM scheidt procesmanagement (wat er gebeurt) van lijnmanagement (wie het doet "
        "en met welke middelen). Hier staat hoe wij de zeggenschap verdelen.",
        "en": "USM separates process management (what happens) from line management (who does "
        "it, with which resources). This page sets out how we share authority.",
    },
    "authority": {"nl": "Zeggenschap", "en": "Authority"},
    "authority-explained.process-led": {
        "nl": "Bij verschil van inzicht gaat het proces voor: de procesverantwoordelijken "
        "bepalen de prioriteiten en de lijn zorgt voor de mensen en middelen.",
        "en": "When views differ, the process comes first: those responsible for the process "
        "set priorities and the line provides people and resources.",
    },
    "authority-explained.line-led": {
        "nl": "Bij verschil van inzicht gaat de lijn voor: het lijnmanagement beslist en de "
        "processen ondersteunen die beslissing.",
        "en": "When views differ, the line comes first: line management decides and the "
        "processes support that decision.",
    },
    "authority-explained.balanced": {
        "nl": "Proces en lijn delen de zeggenschap: elk heeft eigen onderwerpen waarover het "
        "beslist.",
        "en": "Process and line share authority: each decides on its own matters.",
    },
    "process-owner": {"nl": "Proceseigenaar", "en": "Process owner"},
    "governance.process-owner": {
        "nl": "Het USM-procesmodel en dit handboek zijn van",
        "en": "The USM process model and this handbook belong to",
    },
    "escalation": {"nl": "Escalatiepad", "en": "Escalation path"},
    "governance.escalation-intro": {
        "nl": "Zijn proces en lijn het oneens, dan leggen zij het in deze volgorde voor:",
        "en": "When process and line disagree, they take it to these profiles, in order:",
    },
    "management": {"nl": "Taken van het management", "en": "Management's duties"},
    "governance.management-intro": {
        "nl": "Wat het management zelf doet om de invoering van USM te laten slagen.",
        "en": "What management itself does to make the introduction of USM succeed.",
    },
    "duty": {"nl": "Taak", "en": "Duty"},
    "sounding-board": {"nl": "Klankbordgroep", "en": "Sounding board"},
    "governance.sounding-board-intro": {
        "nl": "Medewerkers denken via de klankbordgroep mee over elke nieuwe of gewijzigde "
        "workflow, procedure en werkinstructie.",
        "en": "Through the sounding board, staff have their say on every new or changed "
        "workflow, procedure and work instruction.",
    },
    "members": {"nl": "Leden", "en": "Members"},
    "cadence": {"nl": "Komt bijeen", "en": "Meets"},
    "mandate": {"nl": "Mandaat", "en": "Mandate"},
    # improvement
    "improvement.intro": {
        "nl": "Wij voeren USM in met kleine verbetersprints. Elke sprint verbetert mensen, "
        "processen en techniek samen, en na elke sprint stellen wij het plan bij.",
        "en": "We introduce USM in small improvement sprints. Each sprint improves people, "
        "process and technology together, and after each sprint we adjust the plan.",
    },
    "current-situation": {"nl": "Huidige situatie", "en": "Current situation"},
    "assessed": {"nl": "Peildatum", "en": "Assessed on"},
    "ways-of-working": {"nl": "Zo werken wij nu", "en": "How we work now"},
    "culture": {"nl": "Cultuur", "en": "Culture"},
    "tools": {"nl": "Hulpmiddelen", "en": "Tools"},
    "indicators": {"nl": "Indicatoren en nulmeting", "en": "Indicators and baseline"},
    "indicator": {"nl": "Indicator", "en": "Indicator"},
    "baseline": {"nl": "Nulmeting", "en": "Baseline"},
    "method": {"nl": "Methode", "en": "Method"},
    "better-is": {"nl": "Beter is", "en": "Better is"},
    "latest-measurement": {"nl": "Laatste meting", "en": "Latest measurement"},
    "not-measured-yet": {"nl": "nog niet gemeten", "en": "not measured yet"},
    "goals": {"nl": "Verbeterdoelen", "en": "Improvement goals"},
    "improvement.goals-intro": {
        "nl": "Elk verbeterdoel is SMART: specifiek, meetbaar met een indicator, haalbaar, "
        "relevant en voorzien van een datum.",
        "en": "Every improvement goal is SMART: specific, measurable by an indicator, "
        "achievable, relevant and time-bound.",
    },
    "progress": {"nl": "Voortgang", "en": "Progress"},
    "goal-verdict.on-track": {"nl": "op koers", "en": "on track"},
    "goal-verdict.behind": {"nl": "achter", "en": "behind"},
    "goal-verdict.unmeasured": {"nl": "nog niet gemeten", "en": "not measured yet"},
    "goal.verdict": {"nl": "Stand", "en": "Standing"},
    "goal.verdict-on-track": {
        "nl": "de laatste meting ({last} op {date}) is op of voorbij de rechte lijn van "
        "nulmeting naar streefwaarde, die op die datum bij {expected} ligt.",
        "en": "the latest measurement ({last} on {date}) is at or beyond the straight path "
        "from baseline to target, which is at {expected} on that date.",
    },
    "goal.verdict-behind": {
        "nl": "de laatste meting ({last} op {date}) blijft achter bij de rechte lijn van "
        "nulmeting naar streefwaarde, die op die datum bij {expected} ligt.",
        "en": "the latest measurement ({last} on {date}) falls short of the straight path "
        "from baseline to target, which is at {expected} on that date.",
    },
    "goal.verdict-unmeasured": {
        "nl": "na de nulmeting is er nog niet gemeten.",
        "en": "nothing has been measured since the baseline.",
    },
    "goal.chart-title": {
        "nl": "{indicator}: streefwaarde {target} op {due}",
        "en": "{indicator}: target {target} by {due}",
    },
    "goal.chart-descr": {
        "nl": "Nulmeting {baseline} op {start}; metingen: {measured}; streefwaarde {target} "
        "op {due}. De tijdas loopt gelijkmatig door de tijd.",
        "en": "Baseline {baseline} on {start}; measurements: {measured}; target {target} by "
        "{due}. The time axis is proportional to time.",
    },
    "goal.chart-none": {"nl": "geen", "en": "none"},
    "goal.legend-measured": {"nl": "gemeten", "en": "measured"},
    "goal.legend-path": {
        "nl": "rechte lijn van nulmeting naar streefwaarde",
        "en": "straight path from baseline to target",
    },
    "goal.legend-target": {"nl": "streefwaarde", "en": "target"},
    "target": {"nl": "Streefwaarde", "en": "Target"},
    "due": {"nl": "Uiterlijk", "en": "Due"},
    "relevance": {"nl": "Waarom dit ertoe doet", "en": "Why it matters"},
    "achievable": {"nl": "Waarom dit haalbaar is", "en": "Why it is achievable"},
    "sprints": {"nl": "Verbetersprints", "en": "Improvement sprints"},
    "improvement.sprints-intro": {
        "nl": "De planning van de sprints; daaronder per sprint wat die oplevert.",
        "en": "The sprint plan; below it, what each sprint delivers.",
    },
    "sprints.chart-alt": {
        "nl": "Tijdbalk van de verbetersprints. De sprints staan hieronder ook in tekst.",
        "en": "Timeline of the improvement sprints. The sprints are also listed in text below.",
    },
    "deliverables.people": {"nl": "Mensen", "en": "People"},
    "deliverables.process": {"nl": "Proces", "en": "Process"},
    "deliverables.technology": {"nl": "Techniek", "en": "Technology"},
    "sprint-review": {"nl": "Sprintreview", "en": "Sprint review"},
    "adjustments": {"nl": "Bijstellingen na de review", "en": "Adjustments after the review"},
    "measurements": {"nl": "Metingen", "en": "Measurements"},
    "date": {"nl": "Datum", "en": "Date"},
    "value": {"nl": "Waarde", "en": "Value"},
    "knowledge-transfer": {"nl": "Kennisoverdracht", "en": "Knowledge transfer"},
    "improvement.kt-intro": {
        "nl": "Methodisch werken is voor veel collega's nieuw; daarom is kennisoverdracht "
        "vanaf het begin onderdeel van het programma.",
        "en": "Working methodically is new to many colleagues, so knowledge transfer is part "
        "of the programme from the start.",
    },
    "audience": {"nl": "Voor", "en": "Audience"},
    "topics": {"nl": "Onderwerpen", "en": "Topics"},
    # glossary and reference
    "glossary.intro": {
        "nl": "De begrippen van USM zoals dit handboek ze gebruikt, met de Engelse term erbij.",
        "en": "The USM terms as this handbook uses them, with the Dutch term alongside.",
    },
    "reference.intro": {
        "nl": "Voor wie dit handboek bijhoudt: hoe het wordt gemaakt en wat de meldingen van "
        "usm-docgen betekenen.",
        "en": "For those who maintain this handbook: how it is made and what the messages of "
        "usm-docgen mean.",
    },
    # enumerations: workflow status, practice status, sprint status
    "status.draft": {"nl": "concept", "en": "draft"},
    "workflow.draft-title": {"nl": "Concept", "en": "Draft"},
    "workflow.draft": {
        "nl": "Deze workflow is een concept: hij is nog in bespreking en is nog niet de "
        "afgesproken manier van werken. Werk zoals je nu werkt tot hij is vastgesteld.",
        "en": "This workflow is a draft: it is still being discussed and is not yet the agreed "
        "way of working. Keep working as you do now until it is approved.",
    },
    "status.approved": {"nl": "vastgesteld", "en": "approved"},
    "status.retired": {"nl": "vervallen", "en": "retired"},
    "practice-status.adopted": {"nl": "toegepast", "en": "adopted"},
    "practice-status.planned": {"nl": "gepland", "en": "planned"},
    "practice-status.not-adopted": {"nl": "niet toegepast", "en": "not adopted"},
    "sprint-status.planned": {"nl": "gepland", "en": "planned"},
    "sprint-status.running": {"nl": "loopt", "en": "running"},
    "sprint-status.done": {"nl": "afgerond", "en": "done"},
    "authority.process-led": {"nl": "Procesgestuurd", "en": "Process-led"},
    "authority.line-led": {"nl": "Lijngestuurd", "en": "Line-led"},
    "authority.balanced": {"nl": "Gedeeld", "en": "Balanced"},
    "unit-kind.team": {"nl": "team", "en": "team"},
    "unit-kind.department": {"nl": "afdeling", "en": "department"},
    "unit-kind.supplier": {"nl": "leverancier", "en": "supplier"},
    "unit-kind.customer": {"nl": "klant", "en": "customer"},
    "stakeholder-kind.customer": {"nl": "klant", "en": "customer"},
    "stakeholder-kind.user": {"nl": "gebruiker", "en": "user"},
    "stakeholder-kind.supplier": {"nl": "leverancier", "en": "supplier"},
    "stakeholder-kind.sponsor": {"nl": "opdrachtgever", "en": "sponsor"},
    "stakeholder-kind.staff": {"nl": "medewerkers", "en": "staff"},
    "stakeholder-kind.auditor": {"nl": "auditor", "en": "auditor"},
    "stakeholder-kind.other": {"nl": "overig", "en": "other"},
    "resource-kind.people": {"nl": "mensen", "en": "people"},
    "resource-kind.tool": {"nl": "hulpmiddel", "en": "tool"},
    "resource-kind.budget": {"nl": "budget", "en": "budget"},
    "resource-kind.facility": {"nl": "voorziening", "en": "facility"},
    "resource-kind.other": {"nl": "overig", "en": "other"},
    "direction.up": {"nl": "hoger", "en": "higher"},
    "direction.down": {"nl": "lager", "en": "lower"},
    "baseline-method.usm-scan": {"nl": "USM-scan", "en": "USM scan"},
    "baseline-method.survey": {"nl": "enquête", "en": "survey"},
    "baseline-method.log-extract": {
        "nl": "gegevens uit de registratie",
        "en": "extract from the records",
    },
    "baseline-method.interview": {"nl": "interviews", "en": "interviews"},
    "baseline-method.other": {"nl": "anders", "en": "other"},
    "kt-kind.training": {"nl": "training", "en": "training"},
    "kt-kind.coaching": {"nl": "coaching", "en": "coaching"},
    "kt-kind.workshop": {"nl": "workshop", "en": "workshop"},
    "kt-kind.e-learning": {"nl": "e-learning", "en": "e-learning"},
    "framework.ITIL4": {"nl": "ITIL 4", "en": "ITIL 4"},
    "framework.ITILv3": {"nl": "ITIL v3", "en": "ITIL v3"},
    "framework.ASL2": {"nl": "ASL 2", "en": "ASL 2"},
    "framework.BiSL": {"nl": "BiSL", "en": "BiSL"},
    "framework.COBIT": {"nl": "COBIT", "en": "COBIT"},
    "framework.FitSM": {"nl": "FitSM", "en": "FitSM"},
    "framework.ISO20000": {"nl": "ISO/IEC 20000", "en": "ISO/IEC 20000"},
    "framework.ISO27001": {"nl": "ISO/IEC 27001", "en": "ISO/IEC 27001"},
    "framework.local": {"nl": "Eigen practice", "en": "Local practice"},
    "month.1": {"nl": "januari", "en": "January"},
    "month.2": {"nl": "februari", "en": "February"},
    "month.3": {"nl": "maart", "en": "March"},
    "month.4": {"nl": "april", "en": "April"},
    "month.5": {"nl": "mei", "en": "May"},
    "month.6": {"nl": "juni", "en": "June"},
    "month.7": {"nl": "juli", "en": "July"},
    "month.8": {"nl": "augustus", "en": "August"},
    "month.9": {"nl": "september", "en": "September"},
    "month.10": {"nl": "oktober", "en": "October"},
    "month.11": {"nl": "november", "en": "November"},
    "month.12": {"nl": "december", "en": "December"},
    "search.placeholder": {"nl": "Zoek in het handboek …", "en": "Search the handbook …"},
    "navbar.more": {"nl": "Meer", "en": "More"},
    # the search page's status line (sphinx_search, usm-search.js): Sphinx's Dutch catalogue
    # has no words for the count and speaks of "categories" the handbook has none of
    "search.found-one": {"nl": "{count} pagina gevonden", "en": "{count} page found"},
    "search.found-many": {"nl": "{count} pagina's gevonden", "en": "{count} pages found"},
    "search.none": {
        "nl": "Niets gevonden. Kijk de spelling na, of zoek op minder woorden.",
        "en": "Nothing found. Check the spelling, or search for fewer words.",
    },
    # the translation worksheet of a practice, and the coverage page over all of them
    "worksheet": {"nl": "Vertaaltabel", "en": "Translation worksheet"},
    "worksheet.intro": {
        "nl": "Welke stap in onze workflows elke activiteit van deze practice nu uitvoert. "
        "Een activiteit zonder stap is een gat.",
        "en": "Which step of our workflows now carries each activity of this practice. An "
        "activity without a step is a gap.",
    },
    "activity": {"nl": "Activiteit van de practice", "en": "Activity of the practice"},
    "carried-by": {"nl": "Uitgevoerd in", "en": "Carried by"},
    "note": {"nl": "Toelichting", "en": "Note"},
    "gap": {"nl": "nog in geen stap belegd", "en": "not yet carried by any step"},
    "title.coverage": {"nl": "Dekking van de practices", "en": "Practice coverage"},
    "coverage.intro": {
        "nl": "De vertaaltabellen van alle practices samen, in twee overzichten: activiteiten "
        "die nog in geen stap zijn belegd (gaten), en stappen die meer dan één practice "
        "claimt. Elke activiteit hoort op één plek: een stap die meer practices claimen, is "
        "een plek om na te gaan of er dubbel werk of tegenstrijdige regels zijn.",
        "en": "The translation worksheets of all practices together, in two views: activities "
        "that no step carries yet (gaps), and steps that more than one practice claims. Each "
        "activity belongs in one place: a step that several practices claim is a place to "
        "check for duplicate work or conflicting rules.",
    },
    "coverage.gaps": {"nl": "Gaten", "en": "Gaps"},
    "coverage.gaps-none": {
        "nl": "Elke activiteit in de vertaaltabellen is in een stap belegd.",
        "en": "Every activity in the worksheets is carried by a step.",
    },
    "coverage.shared": {
        "nl": "Stappen die meer practices claimen",
        "en": "Steps claimed by several practices",
    },
    "coverage.shared-none": {
        "nl": "Geen stap wordt door meer dan één practice geclaimd.",
        "en": "No step is claimed by more than one practice.",
    },
    "coverage.no-worksheets": {
        "nl": "Nog geen practice heeft een vertaaltabel (de sleutel activities in "
        "conf/practices.yaml).",
        "en": "No practice has a translation worksheet yet (the key activities in "
        "conf/practices.yaml).",
    },
    "coverage.link": {
        "nl": "gaten en overlap in de vertaaltabellen",
        "en": "gaps and overlaps in the translation worksheets",
    },
    # editions (usm-docgen site): the switcher, the banners and what changed
    "edition.switcher": {"nl": "Editie", "en": "Edition"},
    "edition.choose": {"nl": "Kies een editie", "en": "Choose an edition"},
    "edition.development-name": {"nl": "in ontwikkeling", "en": "in development"},
    "edition.current-mark": {"nl": "geldend", "en": "current"},
    "edition.development": {
        "nl": "Dit is de editie in ontwikkeling: nog niet vastgesteld en niet geldend.",
        "en": "This is the edition in development: not yet released and not in force.",
    },
    "edition.old": {
        "nl": "Je leest editie {edition}; de geldende editie is {current}.",
        "en": "You are reading edition {edition}; the current edition is {current}.",
    },
    "edition.go": {
        "nl": "Ga naar deze pagina in editie {current}",
        "en": "Go to this page in edition {current}",
    },
    "title.changes": {
        "nl": "Wat is er veranderd in editie {edition}",
        "en": "What changed in edition {edition}",
    },
    "title.changes-development": {
        "nl": "Wat is er veranderd in de editie in ontwikkeling",
        "en": "What changed in the edition in development",
    },
    "changes.since": {
        "nl": "Vergeleken met editie {old}.",
        "en": "Compared with edition {old}.",
    },
    "changes.first": {
        "nl": "Dit is de eerste editie van het handboek: alles is nieuw.",
        "en": "This is the handbook's first edition: everything is new.",
    },
    "changes.none": {
        "nl": "Er is niets veranderd aan workflows, profielen, practices of het verbeterprogramma.",
        "en": "Nothing changed in workflows, profiles, practices or the improvement programme.",
    },
    "changes.notice": {
        "nl": "Gewijzigd in deze editie",
        "en": "Changed in this edition",
    },
    "changes.new-workflow": {
        "nl": "Deze workflow is nieuw in deze editie.",
        "en": "This workflow is new in this edition.",
    },
    "changes.all": {
        "nl": "alle wijzigingen in deze editie",
        "en": "all changes in this edition",
    },
    "changes.legend": {
        "nl": "In het diagram zijn nieuwe stappen en gewijzigde stappen gemarkeerd:",
        "en": "The diagram marks new and changed steps:",
    },
    "changes.legend-added": {"nl": "nieuwe stap", "en": "new step"},
    "changes.legend-changed": {"nl": "gewijzigde stap", "en": "changed step"},
    "changes.profile": {
        "nl": "Wat er voor jou veranderd is",
        "en": "What changed for you",
    },
    "changes.your-part": {
        "nl": "Je deel in stap {step} van {workflow} is veranderd van {before} in {after}.",
        "en": "Your part in step {step} of {workflow} changed from {before} to {after}.",
    },
    "changes.profile-intro": {
        "nl": "In deze editie veranderde dit aan jouw deel in de workflows:",
        "en": "In this edition, this changed in your part in the workflows:",
    },
    "changes.area-practice": {"nl": "Practices", "en": "Practices"},
    "changes.area-profile": {"nl": "Profielen", "en": "Profiles"},
    "changes.area-programme": {"nl": "Verbeterprogramma", "en": "Improvement programme"},
    "title.changes-short": {"nl": "Wat is er veranderd", "en": "What changed"},
    # knowledge transfer: learning paths, quizzes, handouts, the trainer view
    "title.training": {"nl": "Kennisoverdracht", "en": "Knowledge transfer"},
    "card.training": {
        "nl": "Leerpaden per profiel, quizzen, hand-outs om te printen en een trainersweergave.",
        "en": "Learning paths per profile, quizzes, printable handouts and a trainer view.",
    },
    "how-to-read.training": {
        "nl": "voor wie een sessie geeft of volgt: per profiel een leerpad, per workflow een "
        "hand-out, een quiz en een weergave om stap voor stap mee te presenteren.",
        "en": "for those who give or attend a session: a learning path per profile, and per "
        "workflow a handout, a quiz and a view to present it step by step.",
    },
    "training.intro": {
        "nl": "Alles op deze pagina's komt uit dezelfde bestanden als de rest van het handboek: "
        "wijzigt een workflow, dan wijzigen het leerpad, de quiz en de hand-out mee.",
        "en": "Everything on these pages comes from the same files as the rest of the "
        "handbook: when a workflow changes, its learning paths, quiz and handout change too.",
    },
    "training.paths": {"nl": "Leerpaden", "en": "Learning paths"},
    "training.paths-intro": {
        "nl": "Elk leerpad begint bij de basis van USM en loopt dan langs elke stap waarin het "
        "profiel iets doet, in de volgorde van de verbetersprints.",
        "en": "Each learning path starts with USM's basics and then passes every step the "
        "profile has a part in, in the order of the improvement sprints.",
    },
    "training.workflows": {
        "nl": "Per workflow: hand-out, trainersweergave en quiz",
        "en": "Per workflow: handout, trainer view and quiz",
    },
    "training.workflows-intro": {
        "nl": "De pagina van een workflow hieronder print als hand-out op A4; de knop "
        "*Trainersweergave* loopt er stap voor stap doorheen (pijltjestoetsen), en onderaan "
        "staat een quiz.",
        "en": "The page of a workflow below prints as an A4 handout; the *Trainer view* "
        "button walks through it step by step (arrow keys), and a quiz is at the bottom.",
    },
    "training.pdfs": {"nl": "Pdf's", "en": "PDFs"},
    "training.pdf-all": {"nl": "Het hele handboek als pdf", "en": "The whole handbook as PDF"},
    "training.needs": {"nl": "Opleidingsbehoefte", "en": "Training needs"},
    "training.needs-card": {
        "nl": "Wie wat moet leren, volgens de RACI, naast het plan voor kennisoverdracht: "
        "welke sessie het dekt en waar nog een gat zit.",
        "en": "Who must learn what, from the RACI, against the knowledge-transfer plan: the "
        "session that covers it and where a gap remains.",
    },
    "training.profile": {"nl": "Profiel", "en": "Profile"},
    "training.workflows-count": {"nl": "Workflows", "en": "Workflows"},
    "training.sessions": {"nl": "Sessies", "en": "Sessions"},
    "training.quiz-size": {"nl": "Vragen", "en": "Questions"},
    "profile.learning-path": {
        "nl": "Nieuw in dit profiel, of in een workflow? Volg je {path}.",
        "en": "New in this profile, or in a workflow? Follow your {path}.",
    },
    "path.title": {"nl": "Leerpad: {profile}", "en": "Learning path: {profile}"},
    "path.intro": {
        "nl": "Dit leerpad brengt je als {profile} van de basis van USM naar elke stap waarin "
        "je iets doet. Volg het van boven naar beneden; de workflows staan in de volgorde "
        "waarin het verbeterprogramma ze invoert.",
        "en": "This learning path takes you as {profile} from USM's basics to every step you "
        "have a part in. Follow it from top to bottom; the workflows come in the order the "
        "improvement programme introduces them.",
    },
    "path.basics": {"nl": "De basis van USM", "en": "USM's basics"},
    "path.processes": {
        "nl": "**De vijf processen.** Alles wat wij doen, valt in een van deze processen:",
        "en": "**The five processes.** Everything we do falls into one of these processes:",
    },
    "path.templates": {
        "nl": "**De acht workflowtemplates.** Elke call volgt een workflow; elke workflow werkt "
        "een van de acht templates van USM uit. Zie {model}.",
        "en": "**The eight workflow templates.** Every call follows a workflow; every workflow "
        "works out one of USM's eight templates. See {model}.",
    },
    "path.call": {"nl": "**Wat een call is.**", "en": "**What a call is.**"},
    "path.raci": {"nl": "**Wie wat doet.**", "en": "**Who does what.**"},
    "path.sessions": {"nl": "Jouw sessies", "en": "Your sessions"},
    "path.no-sessions": {
        "nl": "Er is nog geen sessie voor dit profiel gepland.",
        "en": "No session is planned for this profile yet.",
    },
    "path.topics": {"nl": "Onderwerpen", "en": "Topics"},
    "path.workflows": {"nl": "Jouw workflows, in volgorde", "en": "Your workflows, in order"},
    "path.no-workflows": {
        "nl": "Dit profiel heeft geen deel in een stap van een workflow; de basis hierboven is "
        "genoeg.",
        "en": "This profile has no part in any workflow step; the basics above are enough.",
    },
    "path.parts-intro": {
        "nl": "Je hebt een verantwoordelijkheid in {workflows} workflows. Ze staan in "
        "volgorde op aparte pagina's; werk ze een voor een door:",
        "en": "You have a responsibility in {workflows} workflows. They are listed in order "
        "on pages of their own; work through them one by one:",
    },
    "path.part-one": {"nl": "workflow {first}", "en": "workflow {first}"},
    "path.part-span": {"nl": "workflows {first}–{last}", "en": "workflows {first}–{last}"},
    "path.part-intro": {
        "nl": "Een deel van je {path}: de workflows in de volgorde waarin je ze leert.",
        "en": "A part of your {path}: the workflows in the order you learn them.",
    },
    "path.sprint": {"nl": "Ingevoerd in sprint", "en": "Introduced in sprint"},
    "path.no-sprint": {"nl": "geen sprint", "en": "no sprint"},
    "path.covered-by": {"nl": "Behandeld in", "en": "Covered in"},
    "path.not-covered": {
        "nl": "geen sessie voor jou: meld dit bij je trainer",
        "en": "no session for you: ask your trainer",
    },
    "path.your-steps": {"nl": "Jouw stappen", "en": "Your steps"},
    "path.study": {
        "nl": "Bestudeer elke workflow op zijn pagina, waar jouw stappen staan, en oefen met de "
        "quiz onderaan die pagina.",
        "en": "Study each workflow on its page, where your steps are, and practise with the "
        "quiz at the bottom of that page.",
    },
    "path.test-yourself": {"nl": "Test jezelf", "en": "Test yourself"},
    "quiz.title": {"nl": "Quiz", "en": "Quiz"},
    "quiz.intro": {
        "nl": "Kies steeds één antwoord en klap dan het goede antwoord open. De vragen komen "
        "uit de workflows zelf; er is steeds precies één goed antwoord.",
        "en": "Pick one answer each time, then open the right one. The questions come from "
        "the workflows themselves; each has exactly one right answer.",
    },
    "quiz.none": {
        "nl": "Er zijn te weinig stappen om vragen over te stellen.",
        "en": "There are too few steps to ask questions about.",
    },
    "quiz.answer": {"nl": "Antwoord", "en": "Answer"},
    "quiz.see": {"nl": "Zie", "en": "See"},
    "quiz.accountable": {
        "nl": "Wie is eindverantwoordelijk (A) voor stap {step}?",
        "en": "Who is accountable (A) for step {step}?",
    },
    "quiz.next-step": {
        "nl": "Welke stap volgt op stap {step}?",
        "en": "Which step follows step {step}?",
    },
    "quiz.outcome": {
        "nl": "Stap {step} beslist: {decision} Wat gebeurt er bij *{outcome}*?",
        "en": "Step {step} decides: {decision} What happens on *{outcome}*?",
    },
    "quiz.starts-in": {
        "nl": "In welk USM-proces begint de workflow {workflow}?",
        "en": "In which USM process does the workflow {workflow} start?",
    },
    "quiz.hands-off-to": {
        "nl": "Aan welk van deze processen kan de workflow {workflow} de call overdragen?",
        "en": "To which of these processes can the workflow {workflow} hand the call off?",
    },
    "quiz.handoff-workflow": {
        "nl": "Welke workflow start stap {step}?",
        "en": "Which workflow does step {step} start?",
    },
    "quiz.practice": {
        "nl": "Welke van deze practices krijgt vorm in stap {step}?",
        "en": "Which of these practices is realised in step {step}?",
    },
    "quiz.role": {
        "nl": "Wat doet {profile} in stap {step}?",
        "en": "What does {profile} do in step {step}?",
    },
    "quiz.in-workflow": {"nl": "van {workflow}", "en": "of {workflow}"},
    "quiz.end": {"nl": "De workflow eindigt.", "en": "The workflow ends."},
    "handout.intro": {
        "nl": "Deze pagina print als hand-out op A4: het verloop, wie wat doet en de stappen. "
        "De trainersweergave loopt stap voor stap door de workflow; onderaan staat een {quiz}.",
        "en": "This page prints as an A4 handout: the flow, who does what and the steps. The "
        "trainer view walks through the workflow step by step; a {quiz} is at the bottom.",
    },
    "handout.edition": {"nl": "Editie", "en": "Edition"},
    "handout.pdf": {"nl": "Pdf (A4)", "en": "PDF (A4)"},
    "trainer.start": {"nl": "Trainersweergave", "en": "Trainer view"},
    "trainer.print": {"nl": "Printen", "en": "Print"},
    "trainer.help": {
        "nl": "← → vorige en volgende stap · Esc sluiten",
        "en": "← → previous and next step · Esc to close",
    },
    "trainer.step-of": {"nl": "Stap {n} van {total}", "en": "Step {n} of {total}"},
    "trainer.previous": {"nl": "Vorige stap", "en": "Previous step"},
    "trainer.next": {"nl": "Volgende stap", "en": "Next step"},
    "trainer.close": {"nl": "Sluiten", "en": "Close"},
    # the whole-diagram view (usm-viewer.js): any diagram full screen, to zoom and pan
    "viewer.open": {"nl": "Hele diagram", "en": "Whole diagram"},
    "viewer.title": {"nl": "Diagram", "en": "Diagram"},
    "viewer.zoom-in": {"nl": "Inzoomen", "en": "Zoom in"},
    "viewer.zoom-out": {"nl": "Uitzoomen", "en": "Zoom out"},
    "viewer.fit": {"nl": "Passend maken", "en": "Fit to screen"},
    "viewer.close": {"nl": "Sluiten", "en": "Close"},
    "viewer.help": {
        "nl": "Scrol of knijp om te zoomen, sleep om te verschuiven · toetsen: + − 0 en "
        "pijltjes · Esc sluiten",
        "en": "Scroll or pinch to zoom, drag to move · keys: + − 0 and arrows · Esc to close",
    },
    "needs.intro": {
        "nl": "Wie in een workflow een stap uitvoert (R) of ervoor eindverantwoordelijk is (A), "
        "moet die workflow leren; wie alleen geraadpleegd (C) of geïnformeerd (I) wordt, krijgt "
        "een briefing. Een sessie dekt die behoefte als het profiel in het publiek zit en de "
        "workflow bij de onderwerpen staat. Een gat is een behoefte zonder sessie, of met een "
        "sessie pas na het einde van de sprint die de workflow invoert. Aanvragers worden niet "
        "opgeleid en vervallen workflows niet meer.",
        "en": "Whoever does a step of a workflow (R) or is accountable for it (A) must learn "
        "that workflow; whoever is only consulted (C) or informed (I) gets a briefing. A session "
        "covers the need when the profile is in its audience and the workflow among its topics. "
        "A gap is a need without a session, or with one only after the end of the sprint that "
        "introduces the workflow. Requesters are not trained, and retired workflows no longer.",
    },
    "needs.gaps": {"nl": "Gaten in het plan", "en": "Gaps in the plan"},
    "needs.gaps-intro": {
        "nl": "Per workflow, de trainingen eerst: plan hier de volgende sessies op.",
        "en": "Per workflow, trainings first: plan the next sessions from here.",
    },
    "workflows.count": {"nl": "{count} workflows", "en": "{count} workflows"},
    "workflows.counted": {
        "nl": "{count} workflows; de pagina van het template noemt ze.",
        "en": "{count} workflows; the template's page lists them.",
    },
    "workflows.many": {
        "nl": "{count} workflows; de pagina van het template verdeelt ze in delen.",
        "en": "{count} workflows; the template's page lists them in parts.",
    },
    "needs.gaps-many": {
        "nl": "{gaps} gaten in {workflows} workflows; per template hieronder, per profiel in "
        "de tabel daarna. Het leerpad van elk profiel noemt de workflows die geen sessie op "
        "tijd hebben.",
        "en": "{gaps} gaps in {workflows} workflows; per template below, per profile in the "
        "table after it. Each profile's learning path names the workflows without a session "
        "in time.",
    },
    "needs.no-gaps": {
        "nl": "Geen gaten: elke behoefte heeft op tijd een sessie.",
        "en": "No gaps: every need has a session in time.",
    },
    "needs.per-profile": {"nl": "Per profiel", "en": "Per profile"},
    "needs.matrix": {"nl": "Overzicht", "en": "Overview"},
    "needs.matrix-intro": {
        "nl": "**T** training, **B** briefing; een uitroepteken markeert een gat.",
        "en": "**T** training, **B** briefing; an exclamation mark marks a gap.",
    },
    "needs.part": {"nl": "Deel", "en": "Part"},
    "needs.with-gaps": {"nl": "Workflows met een gat", "en": "Workflows with a gap"},
    "needs.need": {"nl": "Behoefte", "en": "Need"},
    "needs.session": {"nl": "Sessie", "en": "Session"},
    "needs.sprint": {"nl": "Sprint (einde)", "en": "Sprint (end)"},
    "needs.missing-text": {
        "nl": "geen sessie voor {profile} over {workflow}",
        "en": "no session for {profile} on {workflow}",
    },
    "needs.late-text": {
        "nl": "{profile} leert {workflow} pas op {date}, na het einde van {sprint} ({end})",
        "en": "{profile} learns {workflow} only on {date}, after {sprint} ends ({end})",
    },
    "need-level.training": {"nl": "training", "en": "training"},
    "need-level.briefing": {"nl": "briefing", "en": "briefing"},
    "need-status.covered": {"nl": "gedekt", "en": "covered"},
    "need-status.late": {"nl": "te laat", "en": "late"},
    "need-status.missing": {"nl": "geen sessie", "en": "no session"},
    "card.changes-short": {
        "nl": "Wat er in deze editie anders is dan in de vorige, per workflow.",
        "en": "What is different in this edition from the one before, per workflow.",
    },
    # accessibility (WCAG 2.1 AA): the way from a workflow's diagram to the same flow in text,
    # and the name of the sidebar's open/close toggles (sphinx_ext._name_toctree_toggles)
    "workflow.diagram-steps": {
        "nl": "Lees het verloop als tekst: de stappen",
        "en": "Read the flow as text: the steps",
    },
    "nav.toggle": {"nl": "Onderliggende pagina's", "en": "Pages below this one"},
    "nav.show-all": {"nl": "Alle {count} tonen …", "en": "Show all {count} …"},
}

THEME_WORDS: dict[str, dict[str, str]] = {
    # pydata-sphinx-theme's words (its message ids) in the languages it ships none for; ours.
    "nl": {
        "Click to expand": "Klik om uit te klappen",
        "Click to collapse": "Klik om in te klappen",
        "Skip to main content": "Naar de inhoud",
        "Back to top": "Terug naar boven",
        "Search": "Zoeken",
        "Error": "Fout",
        "Please activate JavaScript to enable the search functionality.": (
            "Zet JavaScript aan om in het handboek te kunnen zoeken."
        ),
        "Breadcrumb": "Kruimelpad",
        "Home": "Start",
        "Edit on %(provider)s": "Bewerken op %(provider)s",
        "Edit": "Bewerken",
        "Indices": "Registers",
        "General Index": "Register",
        "Last updated on %(last_updated)s.": "Laatst bijgewerkt op %(last_updated)s.",
        "On this page": "Op deze pagina",
        "previous page": "vorige pagina",
        "previous": "vorige",
        "next page": "volgende pagina",
        "next": "volgende",
        "Collapse Sidebar": "Zijbalk inklappen",
        "Expand Sidebar": "Zijbalk uitklappen",
        "Section Navigation": "In dit deel",
        "Show Source": "Bron tonen",
        "Color mode": "Kleurweergave",
        "Light": "Licht",
        "Dark": "Donker",
        "System Settings": "Zoals het systeem",
        "Version warning": "Let op de versie",
        "Announcement": "Mededeling",
        "Site navigation": "Navigatie",
        'Created using <a href="https://www.sphinx-doc.org/">Sphinx</a> %(sphinx_version)s.': (
            'Gemaakt met <a href="https://www.sphinx-doc.org/">Sphinx</a> %(sphinx_version)s.'
        ),
    },
}
"""The theme's own words for pages in a language the theme has no translation for."""


def label(key: str, language: str) -> str:
    """The label ``key`` in ``language`` (``nl`` or ``en``); an unknown key is a bug."""
    return LABELS[key][language]


@dataclass(frozen=True)
class Entry:
    """A glossary entry in one language: its terms (the first is the main one) and meaning."""

    terms: tuple[str, ...]
    definition: str


Term = Bilingual[Entry]
"""A glossary entry in both languages."""


def _term(nl_terms: tuple[str, ...], nl: str, en_terms: tuple[str, ...], en: str) -> Term:
    return Term(Entry(nl_terms, nl), Entry(en_terms, en))


GLOSSARY: tuple[Term, ...] = (
    # calls
    _term(
        ("Call", "Melding"),
        "Alles wat bij de dienstverlener binnenkomt en om opvolging vraagt: een wens, "
        "wijzigingsverzoek, verstoring, uitvoeringsverzoek of risico. Een klant of gebruiker "
        "(de aanvrager) dient de call in; een risico komt ook vanuit Verbeteren. Elke call "
        "krijgt een nummer en volgt een workflow.",
        ("Call",),
        "Anything that reaches the service provider and asks for follow-up: a wish, request "
        "for change, incident, service request or risk. A customer or user (the requester) "
        "raises the call; a risk also comes from Improve. Every call gets a number and follows "
        "a workflow.",
    ),
    _term(
        ("Wens",),
        "Een call om afspraken over de dienstverlening te maken of te veranderen. Ook een "
        "wijzigingsverzoek dat buiten de afspraken valt, begint als wens. Start het proces "
        "Afspreken.",
        ("Wish",),
        "A call to make or change agreements about the service. A request for change that "
        "falls outside the agreements starts as a wish too. Starts the Agree process.",
    ),
    _term(
        ("Wijzigingsverzoek",),
        "Een call om de beheerde infrastructuur te veranderen, zoals software, een instelling "
        "of een apparaat: met een blijvend effect, vastgelegd in het register van de beheerde "
        "infrastructuur. Het verzoek valt binnen de afspraken; anders is het eerst een wens. "
        "Start het proces Wijzigen.",
        ("Request for change", "RFC"),
        "A call to change the managed infrastructure, such as software, a setting or a device: "
        "with a permanent effect, recorded in the register of the managed infrastructure. The "
        "request falls within the agreements; otherwise it is a wish first. Starts the Change "
        "process.",
    ),
    _term(
        ("Verstoring", "Incident"),
        "Het uitvallen of dreigend uitvallen van de afgesproken dienstverlening: de dienst "
        "werkt niet, of straks niet meer, zoals afgesproken. Start het proces Herstellen.",
        ("Incident",),
        "A failure or an imminent failure of the agreed service: the service does not work, "
        "or soon will not work, as agreed. Starts the Recover process.",
    ),
    _term(
        ("Uitvoeringsverzoek", "Service request"),
        "Een call om afgesproken operationeel werk te doen zonder blijvend effect op de "
        "beheerde infrastructuur, zoals een wachtwoord opnieuw instellen of een rapportage "
        "draaien. Start het proces Uitvoeren.",
        ("Service request",),
        "A call for agreed operational work without a permanent effect on the managed "
        "infrastructure, such as resetting a password or running a report. Starts the Operate "
        "process.",
    ),
    _term(
        ("Risico",),
        "Een situatie met een effect dat met enige waarschijnlijkheid kan optreden: een "
        "bedreiging of een kans voor de dienstverlening. Start het proces Verbeteren.",
        ("Risk",),
        "A situation with an effect that may occur with some likelihood: a threat to the "
        "service or an opportunity for it. Starts the Improve process.",
    ),
    # the five processes, with the names older USM texts use
    _term(
        ("Afspreken", "Agreement management", "Contract management"),
        "Het USM-proces dat afspraken maakt en wijzigt: met klanten (DVO), intern (IW) en met "
        "leveranciers (OO). Start met een wens. Oudere namen: Agreement management en "
        "Contract management.",
        ("Agree",),
        "The USM process that makes and changes agreements: with customers (SA), internally "
        "and with suppliers. Starts with a wish. Older names: Agreement management and "
        "Contract management.",
    ),
    _term(
        ("Wijzigen", "Change management"),
        "Het USM-proces dat de beheerde infrastructuur gecontroleerd en blijvend wijzigt, "
        "binnen de afspraken. Start met een wijzigingsverzoek. Oudere naam: Change management.",
        ("Change",),
        "The USM process that changes the managed infrastructure permanently and in a "
        "controlled way, within the agreements. Starts with a request for change. Older name: "
        "Change management.",
    ),
    _term(
        ("Herstellen", "Recovery management", "Incident management"),
        "Het USM-proces dat de afgesproken dienstverlening herstelt na een verstoring of een "
        "dreigende verstoring. Start met een verstoring. Oudere namen: Recovery management en "
        "Incident management.",
        ("Recover",),
        "The USM process that restores the agreed service after a failure or an imminent "
        "failure. Starts with an incident. Older names: Recovery management and Incident "
        "management.",
    ),
    _term(
        ("Uitvoeren", "Operations management"),
        "Het USM-proces dat gepland of gevraagd operationeel werk doet zonder blijvend effect "
        "op de beheerde infrastructuur. Start met een uitvoeringsverzoek. Oudere naam: "
        "Operations management.",
        ("Operate",),
        "The USM process that does planned or requested operational work without a permanent "
        "effect on the managed infrastructure. Starts with a service request. Older name: "
        "Operations management.",
    ),
    _term(
        ("Verbeteren", "Improvement management", "Risk management"),
        "Het USM-proces dat risico's vooraf opspoort en behandelt, met nieuwe afspraken, een "
        "wijziging of uitvoering. Start met een risico. Oudere namen: Improvement management "
        "en Risk management.",
        ("Improve",),
        "The USM process that finds and handles risks proactively, through new agreements, a "
        "change or operations. Starts with a risk. Older names: Improvement management and "
        "Risk management.",
    ),
    # who is who
    _term(
        ("Klant",),
        "Wie de dienst afneemt en er afspraken over maakt met de dienstverlener, vaak namens "
        "de gebruikers.",
        ("Customer",),
        "Whoever takes the service and makes agreements about it with the service provider, "
        "often on behalf of the users.",
    ),
    _term(
        ("Gebruiker",),
        "Wie de dienst in het dagelijks werk gebruikt, binnen de afspraken die de klant heeft "
        "gemaakt.",
        ("User",),
        "Whoever uses the service in their daily work, within the agreements the customer has "
        "made.",
    ),
    _term(
        ("Aanvrager", "Melder"),
        "De klant of gebruiker die een call indient. Bij het aannemen wordt gecontroleerd of "
        "de aanvrager dat mag; bij het toetsen van de oplevering krijgt de aanvrager "
        "terugkoppeling.",
        ("Requester", "Caller"),
        "The customer or user who raises a call. Accepting the call checks that the requester "
        "may raise it; reviewing the delivery gives the requester feedback.",
    ),
    _term(
        ("Dienstverlener",),
        "De organisatie die de diensten levert en de beheerde infrastructuur beheert; zij maakt "
        "afspraken met klanten, intern en met leveranciers, en handelt de calls af.",
        ("Service provider",),
        "The organisation that delivers the services and manages the managed infrastructure; "
        "it makes agreements with customers, internally and with suppliers, and handles the "
        "calls.",
    ),
    _term(
        ("Leverancier",),
        "Een externe partij die de dienstverlener iets levert waarop de diensten steunen. De "
        "afspraken met een leverancier staan in een onderliggende overeenkomst (OO).",
        ("Supplier",),
        "An outside party that supplies the service provider with something the services rely "
        "on. The agreements with a supplier are in an underpinning contract.",
    ),
    # agreements
    _term(
        ("Afspraak",),
        "Wat de dienstverlener over de dienstverlening vastlegt: met klanten in een "
        "dienstverleningsovereenkomst (DVO), intern in een interne werkafspraak (IW) en met "
        "leveranciers in een onderliggende overeenkomst (OO). Afspraken maken en wijzigen "
        "gebeurt in het proces Afspreken.",
        ("Agreement",),
        "What the service provider records about the service: with customers in a service "
        "agreement (SA), internally in an internal work agreement and with suppliers in an "
        "underpinning contract. Agreements are made and changed in the Agree process.",
    ),
    _term(
        ("Dienstverleningsovereenkomst", "DVO"),
        "De afspraken tussen dienstverlener en klant over de diensten en hun kwaliteit.",
        ("Service agreement", "SA"),
        "The agreements between provider and customer about the services and their quality.",
    ),
    _term(
        ("Interne werkafspraak", "IW"),
        "Een afspraak tussen onderdelen van de eigen organisatie over wat het ene onderdeel "
        "voor het andere doet, zodat de afspraken met klanten kunnen worden nagekomen.",
        ("Internal work agreement",),
        "An agreement between parts of the provider's own organisation about what one does for "
        "another, so that the agreements with customers can be kept. Dutch: IW.",
    ),
    _term(
        ("Onderliggende overeenkomst", "OO"),
        "De afspraken tussen de dienstverlener en een leverancier over wat die levert, zodat "
        "de afspraken met klanten kunnen worden nagekomen.",
        ("Underpinning contract",),
        "The agreements between the service provider and a supplier about what the supplier "
        "delivers, so that the agreements with customers can be kept. Dutch: OO.",
    ),
    # what is managed
    _term(
        ("Dienst",),
        "Een ondersteunde voorziening: een voorziening die de klant gebruikt, samen met de "
        "ondersteuning die de dienstverlener daarbij geeft.",
        ("Service",),
        "A supported facility: a facility the customer uses, together with the support the "
        "provider gives while it is used.",
    ),
    _term(
        ("Ondersteunde voorziening",),
        "De combinatie van een voorziening (middelen en handelingen) en de ondersteuning bij "
        "het gebruik ervan, beschreven naar functionaliteit en functioneren. Zo omschrijft "
        "USM een dienst.",
        ("Supported facility",),
        "The combination of a facility (goods and actions) and the support given while it is "
        "used, described by what it does and how well. This is how USM defines a service.",
    ),
    _term(
        ("Beheerde infrastructuur",),
        "Alles wat de dienstverlener beheert om de diensten te leveren, zoals apparatuur, "
        "software, gegevens en documentatie. Alleen Wijzigen verandert haar blijvend.",
        ("Managed infrastructure",),
        "Everything the service provider manages to deliver the services, such as equipment, "
        "software, data and documentation. Only Change changes it permanently.",
    ),
    _term(
        ("BIR", "Register van de beheerde infrastructuur"),
        "Het register van de beheerde infrastructuur: wat de dienstverlener beheert en hoe het "
        "samenhangt. In de ICT vaak de CMDB genoemd.",
        ("MIR", "Register of the managed infrastructure"),
        "The register of the managed infrastructure: what the provider manages and how it is "
        "related. In IT often called the CMDB.",
    ),
    # people
    _term(
        ("Profiel",),
        "Het geheel van taken, bevoegdheden en verantwoordelijkheden van een functie en/of "
        "rol. USM spreekt alleen van profielen. Eén medewerker kan meer profielen hebben.",
        ("Profile",),
        "The set of tasks, authorities and responsibilities of a position and/or role. USM "
        "speaks only of profiles. One person may hold several profiles.",
    ),
    _term(
        ("RACI",),
        "Per stap wie uitvoert (Responsible), wie eindverantwoordelijk is (Accountable, "
        "precies één), wie vooraf wordt geraadpleegd (Consulted) en wie achteraf wordt "
        "geïnformeerd (Informed).",
        ("RACI",),
        "Per step who does the work (Responsible), who is accountable (Accountable, exactly "
        "one), who is consulted beforehand (Consulted) and who is informed afterwards "
        "(Informed).",
    ),
    # workflows and routines
    _term(
        ("Workflowtemplate",),
        "Een van de acht vaste paden waarlangs een call door de USM-processen gaat. Elke "
        "workflow in dit handboek werkt één template uit; een dynamische workflow werkt er "
        "twee of drie uit die in hetzelfde proces starten.",
        ("Workflow template",),
        "One of the eight fixed paths a call takes through the USM processes. Each workflow in "
        "this handbook works out one template; a dynamic workflow works out two or three that "
        "start in the same process.",
    ),
    _term(
        ("Workflow",),
        "De vastgelegde volgorde van stappen waarin een call wordt afgehandeld, met per stap "
        "de verantwoordelijkheden. Met overdrachten vormen de workflows samen het hele pad van "
        "een call door de processen.",
        ("Workflow",),
        "The recorded sequence of steps in which a call is handled, with the responsibilities "
        "for each step. Through hand-offs the workflows together make up the whole path of a "
        "call through the processes.",
    ),
    _term(
        ("Overdracht", "Fork"),
        "Het moment waarop een workflow een ander proces inschakelt, bijvoorbeeld Herstellen "
        "dat Wijzigen nodig heeft. Is die klaar, dan gaat de eerste workflow verder.",
        ("Hand-off", "Fork"),
        "The moment a workflow calls in another process, for example Recover needing Change. "
        "When that is done, the first workflow resumes.",
    ),
    _term(
        ("Werkwijze",),
        "De gestandaardiseerde manier van werken van USM, op drie niveaus: proces (*wat*), "
        "procedure (*wie*) en werkinstructie (*hoe*); practices worden naar deze werkwijzen "
        "vertaald.",
        ("Routine",),
        "USM's standardised way of working, at three levels: process (*what*), procedure "
        "(*who*) and work instruction (*how*); practices are translated into these routines.",
    ),
    _term(
        ("Proces",),
        "Beschrijft *wat* er gebeurt, los van wie het doet en hoe.",
        ("Process",),
        "Describes *what* happens, regardless of who does it and how.",
    ),
    _term(
        ("Procedure",),
        "Een proces aangevuld met *wie* elke activiteit uitvoert.",
        ("Procedure",),
        "A process with *who* carries out each activity added.",
    ),
    _term(
        ("Werkinstructie",),
        "Een procedure aangevuld met *hoe* een activiteit precies wordt uitgevoerd; het "
        "niveau van een practice.",
        ("Work instruction",),
        "A procedure with *how* an activity is carried out added; the level of a practice.",
    ),
    _term(
        ("Practice",),
        "Een beproefde manier van werken uit een kader als ITIL, ASL of BiSL. Een practice "
        "wordt vertaald naar de werkwijzen van USM (proces, procedure en werkinstructie): hier "
        "naar de stappen van onze workflows.",
        ("Practice",),
        "A proven way of working from a framework such as ITIL, ASL or BiSL. A practice is "
        "translated into USM's routines (process, procedure and work instruction): here into "
        "the steps of our workflows.",
    ),
    # introducing USM
    _term(
        ("Verbetersprint",),
        "Een korte, afgebakende periode waarin mensen, processen en techniek samen een stap "
        "vooruit gaan. Na elke sprint wordt het plan bijgesteld.",
        ("Improvement sprint",),
        "A short, bounded period in which people, process and technology move forward "
        "together. After each sprint the plan is adjusted.",
    ),
    _term(
        ("Nulmeting",),
        "De eerste meting van de indicatoren, vóór de verbeteringen; het vertrekpunt waaraan "
        "latere metingen worden afgemeten.",
        ("Baseline",),
        "The first measurement of the indicators, before the improvements; the starting point "
        "later measurements are compared with.",
    ),
    _term(
        ("Klankbordgroep",),
        "Een groep medewerkers die voorstellen voor nieuwe of gewijzigde workflows, procedures "
        "en werkinstructies toetst op werkbaarheid voordat ze worden vastgesteld.",
        ("Sounding board",),
        "A group of staff members who check proposed new or changed workflows, procedures and "
        "work instructions for workability before they are approved.",
    ),
    _term(
        ("SMART",),
        "Een verbeterdoel is SMART als het specifiek, meetbaar, haalbaar (acceptabel), "
        "relevant en tijdgebonden is.",
        ("SMART",),
        "A goal is SMART when it is specific, measurable, achievable, relevant and time-bound.",
    ),
    _term(
        ("Procesmanagement en lijnmanagement",),
        "Procesmanagement stuurt op wat er gebeurt en in welke volgorde; lijnmanagement op "
        "mensen, middelen en budget. USM houdt ze gescheiden en vraagt om een bewuste "
        "verdeling van de zeggenschap.",
        ("Process management and line management",),
        "Process management steers what happens and in which order; line management steers "
        "people, resources and budget. USM keeps them apart and asks for a deliberate split "
        "of authority.",
    ),
)
