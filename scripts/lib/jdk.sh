# Sourced (POSIX sh) by mvnw, bin/switchboard and the scripts: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, Temurin 25, any JDK under /usr/lib/jvm, then java on PATH. The system default here
# may be 17, which can neither build nor run Switchboard.
switchboard_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

switchboard_find_jdk() {
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/temurin-25*/bin/java /usr/lib/jvm/*/bin/java \
      "$(command -v java 2>/dev/null || true)"; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v="$(switchboard_java_major "$c")"
    v="${v%%.*}"
    case "$v" in
      '' | *[!0-9]*) continue ;;
    esac
    if [ "$v" -ge 21 ]; then
      c="$(readlink -f "$c")"
      JAVA_HOME="${c%/bin/java}"
      export JAVA_HOME
      return 0
    fi
  done
  return 1
}
