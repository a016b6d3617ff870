"""Every label the generated pages show, in Dutch and English, and the glossary of USM terms.

Labels are Markdown written by us (never user text), so they may hold ``*emphasis*``; a few hold
a ``{placeholder}`` the template fills in. Process, template, step-kind and role names live in
``usm.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from usm_docgen.usm import Bilingual

LANGUAGES = ("nl", "en")

LABELS: dict[str, dict[str, str]] = {
    # page titles and the cards that lead to them
    "title.model": {"nl": "Het USM-model", "en": "The USM model"},
    "title.workflows": {"nl": "Workflows", "en": "Workflows"},
    "title.profiles": {"nl": "Profielen", "en": "Profiles"},
    "title.raci": {"nl": "RACI-overzicht", "en": "RACI matrix"},
    "raci.parts": {
        "nl": "Dit handboek heeft veel workflows; het overzicht staat daarom per template op "
        "een eigen pagina:",
        "en": "This handbook has many workflows, so the matrix has a page per template:",
    },
    "title.practices": {"nl": "Werkwijzen", "en": "Practices"},
    "title.governance": {"nl": "Besturing", "en": "Governance"},
    "title.improvement": {"nl": "Verbeterprogramma", "en": "Improvement programme"},
    "title.glossary": {"nl": "Begrippen", "en": "Glossary"},
    "title.reference": {"nl": "Naslag", "en": "Reference"},
    "card.model": {
        "nl": "De vijf processen en acht workflowtemplates waarop dit handboek rust.",
        "en": "The five processes and eight workflow templates this handbook rests on.",
    },
    "card.workflows": {
        "nl": "Stap voor stap: hoe wij een call afhandelen, wie wat doet en wanneer.",
        "en": "Step by step: how we handle a call, who does what and when.",
    },
    "card.profiles": {
        "nl": "Zoek uw profiel op en zie in welke stappen u iets doet.",
        "en": "Find your profile and see the steps where you have a part.",
    },
    "card.raci": {
        "nl": "Per workflow wie uitvoert, eindverantwoordelijk is, adviseert of wordt "
        "geïnformeerd.",
        "en": "Per workflow who is responsible, accountable, consulted or informed.",
    },
    "card.practices": {
        "nl": "Wat wij uit ITIL, ASL, BiSL en andere kaders gebruiken, en waar.",
        "en": "What we use from ITIL, ASL, BiSL and other frameworks, and where.",
    },
    "card.governance": {
        "nl": "Zeggenschap van proces en lijn, escalatie, management en klankbordgroep.",
        "en": "Authority of process and line, escalation, management and sounding board.",
    },
    "card.improvement": {
        "nl": "Huidige situatie, nulmeting, doelen, verbetersprints en kennisoverdracht.",
        "en": "Current situation, baseline, goals, improvement sprints and knowledge transfer.",
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
    "where-to-go": {"nl": "Waar vindt u wat?", "en": "Where to go"},
    "how-to-read": {"nl": "Zo leest u dit handboek", "en": "How to read this handbook"},
    "how-to-read.intro": {
        "nl": "Elke vraag, wens, verstoring of ieder risico is een *call*. Een call volgt één "
        "workflow van begin tot eind; elke stap heeft precies één eindverantwoordelijke. "
        "Begin bij de workflow die bij uw call past, of bij uw eigen profiel.",
        "en": "Every question, wish, incident or risk is a *call*. A call follows one workflow "
        "from start to end; every step has exactly one accountable profile. Start at the "
        "workflow that fits your call, or at your own profile.",
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
        "nl": "per profiel wat u doet, in welke stap en met welke verantwoordelijkheid",
        "en": "per profile what you do, in which step and with which responsibility",
    },
    "how-to-read.raci": {
        "nl": "alle verantwoordelijkheden per workflow in één tabel",
        "en": "all responsibilities per workflow in one table",
    },
    "how-to-read.practices": {
        "nl": "welke werkwijzen uit ITIL, ASL en BiSL wij waar toepassen",
        "en": "which practices from ITIL, ASL and BiSL we apply where",
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
    "scope": {"nl": "Reikwijdte", "en": "Scope"},
    "units": {"nl": "Organisatie-eenheden", "en": "Organisation units"},
    "unit": {"nl": "Eenheid", "en": "Unit"},
    "part-of": {"nl": "Onderdeel van", "en": "Part of"},
    "stakeholders": {"nl": "Belanghebbenden", "en": "Stakeholders"},
    "stakeholder": {"nl": "Belanghebbende", "en": "Stakeholder"},
    "interest": {"nl": "Belang", "en": "Interest"},
    "services": {"nl": "Diensten", "en": "Services"},
    "service": {"nl": "Dienst", "en": "Service"},
    "customers": {"nl": "Afnemers", "en": "Customers"},
    "service-owner": {"nl": "Eigenaar", "en": "Owner"},
    "resources": {"nl": "Middelen", "en": "Resources"},
    "in-scope": {"nl": "Binnen de reikwijdte", "en": "In scope"},
    "out-of-scope": {"nl": "Buiten de reikwijdte", "en": "Out of scope"},
    # model page
    "model.intro": {
        "nl": "USM beschrijft elke dienstverlenende organisatie met dezelfde vijf processen. "
        "Elk proces start met een eigen soort call. Soms heeft een proces een ander "
        "proces nodig om de call af te ronden; die overdracht kan maar op acht manieren "
        "en daarom kent USM acht workflowtemplates. Onze workflows zijn elk een "
        "uitwerking van één template.",
        "en": "USM describes every service organisation with the same five processes. Each "
        "process starts with its own kind of call. Sometimes a process needs another "
        "process to finish a call; that hand-off can happen in only eight ways, so USM "
        "has eight workflow templates. Each of our workflows works out one template.",
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
        "nl": "Elk template begint met aannemen en classificeren en eindigt met het toetsen "
        "van de oplevering en evalueren. Daartussen staan de stappen van het proces en "
        "de overdracht. Templates 1 tot en met 5 starten met een call van een klant; "
        "6 tot en met 8 starten vanuit Verbeteren.",
        "en": "Every template starts with accepting and classifying and ends with reviewing "
        "the delivery and evaluating. In between are the process's own steps and the "
        "hand-off. Templates 1 to 5 start with a customer's call; 6 to 8 start in "
        "Improve.",
    },
    "model.templates-arrow": {
        "nl": "Onder de naam van elk template staat het proces waarin het start en het proces "
        "waaraan het overdraagt.",
        "en": "Under each template's name are the process it starts in and the process it "
        "hands off to.",
    },
    "processes": {"nl": "Processen", "en": "Processes"},
    "process": {"nl": "Proces", "en": "Process"},
    "trigger": {"nl": "Call die het start", "en": "Call that starts it"},
    "in-short": {"nl": "In het kort", "en": "In short"},
    "templates": {"nl": "De acht workflowtemplates", "en": "The eight workflow templates"},
    "template": {"nl": "Template", "en": "Template"},
    "starts-in": {"nl": "Start in", "en": "Starts in"},
    "hands-off-to": {"nl": "Draagt over aan", "en": "Hands off to"},
    "skeleton": {"nl": "Vaste stappen", "en": "Skeleton"},
    "our-workflows": {"nl": "Onze workflows", "en": "Our workflows"},
    "not-described-yet": {"nl": "nog niet beschreven", "en": "not described yet"},
    # workflows
    "workflows.intro": {
        "nl": "Alle workflows van dit handboek, op volgorde van template. Alleen een "
        "vastgestelde workflow is de afgesproken werkwijze; een concept is nog in "
        "bespreking.",
        "en": "All workflows of this handbook, in template order. Only an approved workflow "
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
    "practices": {"nl": "Werkwijzen", "en": "Practices"},
    "practice": {"nl": "Werkwijze", "en": "Practice"},
    "no-practices": {"nl": "Nog geen werkwijzen vastgelegd.", "en": "No practices recorded yet."},
    "conformance": {"nl": "Aansluiting op het template", "en": "Conformance to the template"},
    "conformance.intro": {
        "nl": "Welke stap van deze workflow elke vaste stap van template {template} invult, "
        "en welke vaste stappen bewust zijn weggelaten.",
        "en": "Which step of this workflow fills each skeleton step of template {template}, "
        "and which skeleton steps were left out on purpose.",
    },
    "skeleton-step": {"nl": "Vaste stap", "en": "Skeleton step"},
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
        "nl": "Per workflow de profielen die in een stap een rol hebben.",
        "en": "Per workflow the profiles that have a part in a step.",
    },
    # profiles
    "profiles.intro": {
        "nl": "Een profiel is een rol zoals wij die invullen. Eén medewerker kan meer "
        "profielen hebben; het aantal mensen is dat van de huidige situatie.",
        "en": "A profile is a role as we fill it. One person may hold several profiles; the "
        "number of people is that of the current situation.",
    },
    "profile": {"nl": "Profiel", "en": "Profile"},
    "usm-role": {"nl": "USM-rol", "en": "USM role"},
    "people": {"nl": "Aantal mensen", "en": "People"},
    "profile.what-do-i-do": {"nl": "Wat doe ik?", "en": "What do I do?"},
    "profile.steps-intro": {
        "nl": "De stappen waarin dit profiel een rol heeft, per workflow, met de activiteiten "
        "waar het de stap uitvoert of ervoor eindverantwoordelijk is.",
        "en": "The steps where this profile has a part, per workflow, with the activities "
        "where it carries out the step or is accountable for it.",
    },
    "profile.no-steps": {
        "nl": "Dit profiel heeft in geen enkele workflow een stap.",
        "en": "This profile has no step in any workflow.",
    },
    "profile.my-part": {"nl": "Rol", "en": "Part"},
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
        "nl": "Werkwijzen (practices) uit ITIL, ASL, BiSL en andere kaders zeggen *hoe* wij "
        "iets doen; USM zegt *wat* er gebeurt. Hier staat welke werkwijzen wij "
        "gebruiken en in welke workflows en stappen.",
        "en": "Practices from ITIL, ASL, BiSL and other frameworks say *how* we do something; "
        "USM says *what* happens. This page shows which practices we use and in which "
        "workflows and steps.",
    },
    "practices.coverage": {"nl": "Dekking per proces", "en": "Coverage per process"},
    "practices.coverage-intro": {
        "nl": "Per USM-proces de werkwijzen die het ondersteunen, per kader.",
        "en": "Per USM process the practices that support it, by framework.",
    },
    "practices.status-legend": {
        "nl": "Een werkwijze zonder toevoeging passen wij toe.",
        "en": "A practice shown without a note is one we apply.",
    },
    "practices.all": {"nl": "Alle werkwijzen", "en": "All practices"},
    "framework": {"nl": "Kader", "en": "Framework"},
    "rationale": {"nl": "Toelichting", "en": "Rationale"},
    "practice.where": {
        "nl": "Waar wij deze werkwijze toepassen",
        "en": "Where we apply this practice",
    },
    "practice.nowhere": {"nl": "Nog in geen enkele workflow.", "en": "Not in any workflow yet."},
    # governance
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
    "management": {"nl": "Rol van het management", "en": "Management's part"},
    "governance.management-intro": {
        "nl": "Wat het management zelf doet om de invoering van USM te laten slagen.",
        "en": "What management itself does to make the introduction of USM succeed.",
    },
    "duty": {"nl": "Taak", "en": "Duty"},
    "sounding-board": {"nl": "Klankbordgroep", "en": "Sounding board"},
    "governance.sounding-board-intro": {
        "nl": "Medewerkers denken via de klankbordgroep mee over elke nieuwe of gewijzigde "
        "werkwijze.",
        "en": "Through the sounding board, staff have their say on every new or changed way "
        "of working.",
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
    "assessed": {"nl": "Vastgesteld op", "en": "Assessed on"},
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
    "goals": {"nl": "Doelen", "en": "Goals"},
    "improvement.goals-intro": {
        "nl": "Elk doel is SMART: specifiek, meetbaar met een indicator, haalbaar, relevant "
        "en voorzien van een datum.",
        "en": "Every goal is SMART: specific, measurable by an indicator, achievable, relevant "
        "and time-bound.",
    },
    "progress": {"nl": "Voortgang", "en": "Progress"},
    "target": {"nl": "Doel", "en": "Target"},
    "due": {"nl": "Uiterlijk", "en": "Due"},
    "relevance": {"nl": "Waarom dit ertoe doet", "en": "Why it matters"},
    "achievable": {"nl": "Waarom dit haalbaar is", "en": "Why it is achievable"},
    "goal.chart-alt": {
        "nl": "Grafiek van de voortgang naar het doel {name}: nulmeting, metingen en "
        "streefwaarde, zoals in de opsomming erboven.",
        "en": "Chart of the progress towards the goal {name}: baseline, measurements and "
        "target, as in the list above it.",
    },
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
    "framework.local": {"nl": "Eigen werkwijze", "en": "Local practice"},
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
    _term(
        ("Call", "Melding"),
        "Alles wat bij de dienstverlener binnenkomt en om opvolging vraagt: een wens, "
        "wijzigingsverzoek, verstoring, uitvoeringsverzoek of risico. Elke call krijgt een "
        "nummer en volgt één workflow.",
        ("Call",),
        "Anything that reaches the service provider and asks for follow-up: a wish, request "
        "for change, incident, service request or risk. Every call gets a number and follows "
        "one workflow.",
    ),
    _term(
        ("Wens",),
        "Een call om afspraken over de dienstverlening te maken of te veranderen. Start het "
        "proces Afspreken.",
        ("Wish",),
        "A call to make or change agreements about the service. Starts the Agree process.",
    ),
    _term(
        ("Wijzigingsverzoek",),
        "Een call om een beheerd middel te veranderen, bijvoorbeeld software, een instelling "
        "of een apparaat. Start het proces Wijzigen.",
        ("Request for change", "RFC"),
        "A call to change a managed resource, such as software, a setting or a device. Starts "
        "the Change process.",
    ),
    _term(
        ("Verstoring", "Incident"),
        "Een call omdat de dienstverlening niet werkt zoals afgesproken. Start het proces "
        "Herstellen.",
        ("Incident",),
        "A call because the service does not work as agreed. Starts the Recover process.",
    ),
    _term(
        ("Uitvoeringsverzoek", "Service request"),
        "Een call om afgesproken operationeel werk te doen dat niets aan de beheerde middelen "
        "verandert, zoals een account aanmaken. Start het proces Uitvoeren.",
        ("Service request",),
        "A call for agreed operational work that changes no managed resource, such as "
        "creating an account. Starts the Operate process.",
    ),
    _term(
        ("Risico",),
        "Een mogelijke gebeurtenis die de dienstverlening kan schaden (bedreiging) of "
        "verbeteren (kans). Start het proces Verbeteren.",
        ("Risk",),
        "A possible event that could harm the service (threat) or improve it (opportunity). "
        "Starts the Improve process.",
    ),
    _term(
        ("Dienst",),
        "Een ondersteunde faciliteit: een voorziening die de klant gebruikt, samen met de "
        "ondersteuning die de dienstverlener daarbij geeft.",
        ("Service",),
        "A supported facility: a facility the customer uses, together with the support the "
        "provider gives while it is used.",
    ),
    _term(
        ("Ondersteunde faciliteit",),
        "De combinatie van een faciliteit (middelen en handelingen) en de ondersteuning bij "
        "het gebruik ervan, beschreven naar functionaliteit en functioneren. Zo omschrijft "
        "USM een dienst.",
        ("Supported facility",),
        "The combination of a facility (resources and actions) and the support given while it "
        "is used, described by what it does and how well. This is how USM defines a service.",
    ),
    _term(
        ("BIR", "Beheerd-infrastructuurregister"),
        "Het register van alles wat de dienstverlener beheert en hoe het samenhangt. In de "
        "ICT vaak de CMDB genoemd.",
        ("MIR", "Managed-infrastructure register"),
        "The register of everything the provider manages and how it is related. In IT often "
        "called the CMDB.",
    ),
    _term(
        ("Profiel",),
        "Een rol zoals de organisatie die invult: een combinatie van taken en "
        "bevoegdheden. Eén medewerker kan meer profielen hebben.",
        ("Profile",),
        "A role as the organisation fills it: a mix of tasks and authority. One person may "
        "hold several profiles.",
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
    _term(
        ("Workflowtemplate",),
        "Een van de acht vaste patronen waarin USM-processen samenwerken. Elke workflow in "
        "dit handboek is een uitwerking van één template.",
        ("Workflow template",),
        "One of the eight fixed patterns in which the USM processes work together. Each "
        "workflow in this handbook works out one template.",
    ),
    _term(
        ("Workflow",),
        "De vastgelegde volgorde van stappen waarin een call wordt afgehandeld, met per stap "
        "de verantwoordelijkheden.",
        ("Workflow",),
        "The recorded sequence of steps in which a call is handled, with the "
        "responsibilities for each step.",
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
        ("Werkwijze", "Practice"),
        "Een beproefde manier van werken uit een kader als ITIL, ASL of BiSL, vertaald naar "
        "de stappen van onze workflows.",
        ("Practice",),
        "A proven way of working from a framework such as ITIL, ASL or BiSL, translated into "
        "the steps of our workflows.",
    ),
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
        "Een groep medewerkers die voorstellen voor nieuwe of gewijzigde werkwijzen toetst "
        "op werkbaarheid voordat ze worden vastgesteld.",
        ("Sounding board",),
        "A group of staff members who check proposed new or changed ways of working for "
        "workability before they are approved.",
    ),
    _term(
        ("SMART",),
        "Een doel is SMART als het specifiek, meetbaar, haalbaar (acceptabel), relevant en "
        "tijdgebonden is.",
        ("SMART",),
        "A goal is SMART when it is specific, measurable, achievable, relevant and time-bound.",
    ),
    _term(
        ("Dienstverleningsovereenkomst", "DVO"),
        "De afspraken tussen dienstverlener en klant over de diensten en hun kwaliteit.",
        ("Service agreement", "SA"),
        "The agreements between provider and customer about the services and their quality.",
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
