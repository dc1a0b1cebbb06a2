# Prints, one a line, what zsh offers for a command line, as an interactive user pressing
# Tab would get it: `zsh -f capture-completions.zsh FPATH_DIR 'presign get --signature '`.
#
# Completion widgets only run inside the line editor, so an interactive zsh runs in a
# pseudo-terminal (zpty). Its `compadd` is wrapped to print each match it is given, and a
# post-completion hook prints an end marker and exits. The markers are written split
# ("HI""T:") so that the terminal's echo of these very lines never matches them.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT=''; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
# Calls with -O, -A or -D only filter or collect matches for the caller: pass them on.
zpty -w z 'compadd() { if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -O __m "$@"; print -rl -- "HI""T:"${^__m}; builtin compadd "$@" }'
zpty -w z 'comppostfuncs=(__done); __done() { print -r -- "EN""D:"; exit }'
zpty -w z 'bindkey "^I" complete-word'
zpty -w z "$2"$'\t'
out=
for i in {1..400}; do
  if zpty -rt z chunk; then
    out+=$chunk
    [[ $out == *END:* ]] && break
  else
    sleep 0.05
  fi
done
zpty -d z
[[ $out == *END:* ]] || { print -u2 "zsh gave no completion within 20 s: $out"; exit 1 }
print -r -- "$out" | tr -d '\r' | sed -n 's/^.*HIT://p'
