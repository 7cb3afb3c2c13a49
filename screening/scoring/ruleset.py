"""``RuleSet``: every threshold and rule of one published rule-set version, as data.

A new version is a new ``RuleSet`` value; the engine code does not change. A rule set checks
its own consistency when built (known facts, levels, urgencies, domains) and compiles its
rules once.
"""

from dataclasses import dataclass, field

from .instruments import INSTRUMENT_FACTS
from .items import AUDITC_CODES, GAD7_CODES, ITEM_CODES, ITEMS_BY_CODE, PHQ9_CODES
from .rules import Bands, Clause, CompiledRule, Rule, compile_rules, rule_facts
from .vocabulary import DOMAINS, LEVELS, URGENCIES

PLACEMENT_FACTS = ("composite", "level")
KNOWN_FACTS = frozenset((*ITEM_CODES, *INSTRUMENT_FACTS, *DOMAINS, *PLACEMENT_FACTS))


@dataclass(frozen=True)
class DomainRules:
    """How one domain is rated: the first rule (highest rating first) that holds wins."""

    domain: str
    rules: tuple[Rule, ...]
    otherwise: int = 1
    summary: tuple[str, ...] = ()
    """Facts to mention in the staff reason when no rule holds."""

    @property
    def highest(self) -> int:
        return max([self.otherwise, *(int(r.outcome) for r in self.rules)])


@dataclass(frozen=True)
class RuleSet:
    """One published version of the rules: bands, domain rules, floor, urgency and flags.

    Build a new version with ``dataclasses.replace(DEFAULT_RULE_SET, version=..., ...)`` or
    from scratch; inconsistent data raises ``ValueError`` here, not while scoring.
    """

    version: str
    phq9_bands: Bands
    gad7_bands: Bands
    auditc_bands: Bands
    pcptsd5_positive_from: int
    domains: tuple[DomainRules, ...]
    floor: tuple[Rule, ...]
    """Floor rules in order; the first that holds sets the floor (numbered from 1)."""
    floor_otherwise: str
    composite_bands: Bands
    crisis: tuple[Clause, ...]
    urgency: tuple[Rule, ...]
    urgency_otherwise: str
    flags: tuple[Rule, ...]
    """One rule per flag name."""

    compiled_domains: tuple[tuple[CompiledRule, ...], ...] = field(
        init=False, repr=False, compare=False
    )
    compiled_floor: tuple[CompiledRule, ...] = field(init=False, repr=False, compare=False)
    compiled_crisis: tuple[CompiledRule, ...] = field(init=False, repr=False, compare=False)
    compiled_urgency: tuple[CompiledRule, ...] = field(init=False, repr=False, compare=False)
    compiled_flags: tuple[CompiledRule, ...] = field(init=False, repr=False, compare=False)
    memo: dict[str, object] = field(init=False, repr=False, compare=False, default_factory=dict)
    """Scratch space where the engine keeps work derived from this rule set."""

    def __post_init__(self) -> None:
        self._check()
        crisis_rule = Rule("crisis", self.crisis)
        flags = tuple(sorted(self.flags, key=lambda r: str(r.outcome)))
        compiled = {
            "compiled_domains": tuple(compile_rules(d.rules) for d in self.domains),
            "compiled_floor": compile_rules(self.floor),
            "compiled_crisis": compile_rules((crisis_rule,)),
            "compiled_urgency": compile_rules(self.urgency),
            "compiled_flags": compile_rules(flags),
        }
        for name, value in compiled.items():
            object.__setattr__(self, name, value)

    def _check(self) -> None:
        problems: list[str] = []
        if tuple(d.domain for d in self.domains) != DOMAINS:
            problems.append(f"domains must be exactly {DOMAINS}")
        for domain in self.domains:
            ratings = [int(r.outcome) for r in domain.rules]
            if ratings != sorted(ratings, reverse=True) or domain.otherwise >= min(ratings or [9]):
                problems.append(f"{domain.domain}: ratings must run from highest to lowest")
        for level in [*(r.outcome for r in self.floor), self.floor_otherwise]:
            if level not in LEVELS:
                problems.append(f"unknown level {level!r}")
        problems.extend(
            f"unknown level band {name!r}"
            for name in self.composite_bands.names
            if name not in LEVELS
        )
        for urgency in [*(r.outcome for r in self.urgency), self.urgency_otherwise]:
            if urgency not in URGENCIES:
                problems.append(f"unknown urgency {urgency!r}")
        for name, bands, codes in (
            ("PHQ-9", self.phq9_bands, PHQ9_CODES),
            ("GAD-7", self.gad7_bands, GAD7_CODES),
            ("AUDIT-C", self.auditc_bands, AUDITC_CODES),
        ):
            if bands.maximum < sum(ITEMS_BY_CODE[code].high for code in codes):
                problems.append(f"{name} bands must reach the instrument's highest total")
        if self.composite_bands.maximum < sum(d.highest for d in self.domains):
            problems.append("composite bands must reach the highest possible composite")
        flag_names = [str(r.outcome) for r in self.flags]
        if len(set(flag_names)) != len(flag_names):
            problems.append("each flag needs exactly one rule")
        facts = rule_facts(
            (
                *(r for d in self.domains for r in d.rules),
                *self.floor,
                Rule("crisis", self.crisis),
                *self.urgency,
                *self.flags,
            )
        ) | {f for d in self.domains for f in d.summary}
        problems.extend(f"unknown fact {fact!r}" for fact in sorted(facts - KNOWN_FACTS))
        if problems:
            raise ValueError(f"rule set {self.version}: " + "; ".join(problems))

    @property
    def composite_range(self) -> tuple[int, int]:
        return (
            sum(min([d.otherwise, *(int(r.outcome) for r in d.rules)]) for d in self.domains),
            sum(d.highest for d in self.domains),
        )
