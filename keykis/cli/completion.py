"""``keykis completion bash|zsh|fish``: a shell completion script, written from the parser.

Install it once, e.g. ``keykis completion bash > ~/.local/share/bash-completion/completions/keykis``,
``keykis completion zsh > ~/.zfunc/_keykis`` (a folder on ``$fpath``) or
``keykis completion fish > ~/.config/fish/completions/keykis.fish``.
"""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis completion`` (their help texts: vocabulary ``cli.completion.<dest>``)."""
    p.add_argument("shell", choices=SHELLS)


def commands() -> dict[str, tuple[str, list[tuple[str, list[str], str]]]]:
    """Every command: (its help, [(option, its choices, its help)])."""
    from keykis.cli import COMMANDS, build_parser

    parser = build_parser(COMMANDS)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
    helps = {c.dest: c.help or "" for c in sub._choices_actions}  # noqa: SLF001
    out = {}
    for name, cmd in sub.choices.items():
        opts = [(s, [str(c) for c in a.choices or []], a.help or "") for a in cmd._actions  # noqa: SLF001
                for s in a.option_strings if s.startswith("--")]
        out[name] = (helps.get(name, ""), opts)
    return out


def _q(text: str) -> str:
    return text.replace("'", "").replace("[", "(").replace("]", ")").replace(":", " -")


def bash() -> str:
    """The bash script (also read by zsh's bashcompinit)."""
    cmds = commands()
    cases = "".join(f"        {n}) opts='{' '.join(o for o, _, _ in opts)}';;\n" for n, (_, opts) in cmds.items())
    return f"""# keykis completion for bash
_keykis() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} opts
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W '{' '.join(cmds)} --help --version' -- "$cur"))
        return
    fi
    case "${{COMP_WORDS[1]}}" in
{cases}        *) opts='';;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o default -F _keykis keykis
"""


def zsh() -> str:
    """The zsh script (a ``#compdef`` function)."""
    cmds = commands()
    described = "\n".join(f"        '{n}:{_q(h)}'" for n, (h, _) in cmds.items())
    cases = []
    for n, (_, opts) in cmds.items():
        specs = " ".join(f"'{o}[{_q(h)}]" + (f":value:({' '.join(c)})'" if c else "'") for o, c, h in opts)
        cases.append(f"        {n}) _arguments {specs} '*:file:_files';;")
    return f"""#compdef keykis
# keykis completion for zsh
_keykis() {{
    local -a commands
    commands=(
{described}
    )
    if (( CURRENT == 2 )); then
        _describe 'command' commands
        return
    fi
    shift words; (( CURRENT-- ))
    case $words[1] in
{chr(10).join(cases)}
    esac
}}
_keykis "$@"
"""


def fish() -> str:
    """The fish script."""
    lines = ["# keykis completion for fish", "complete -c keykis -f"]
    for n, (h, opts) in commands().items():
        lines.append(f"complete -c keykis -n __fish_use_subcommand -a {n} -d '{_q(h)}'")
        for o, choices, oh in opts:
            extra = f" -xa '{' '.join(choices)}'" if choices else ""
            lines.append(f"complete -c keykis -n '__fish_seen_subcommand_from {n}' -l {o[2:]} -d '{_q(oh)}'{extra}")
        lines.append(f"complete -c keykis -n '__fish_seen_subcommand_from {n}' -F")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the script for ``args.shell``."""
    print({"bash": bash, "zsh": zsh, "fish": fish}[args.shell](), end="")
    return 0
