#!/usr/bin/env bash
# Builds the file system the Messenger image adds on top of an empty ("scratch") base, from this
# machine's JDK and Debian's shared libraries, so that Jib needs no registry and no Docker daemon:
#   OUT/opt/java          a jlink-ed Java runtime (only the modules the server needs)
#   OUT/lib..., OUT/usr/lib...   every shared library that runtime loads (found with ldd), and the
#                         dynamic loader
#   OUT/etc/passwd, group the non-root user messenger (10001:10001)
#   OUT/data, OUT/tmp     the data dir and /tmp, writable by that user
# Usage: deploy/image/build-root.sh OUT   (x86_64 or aarch64 Linux with a full JDK: jlink and jmods)
set -euo pipefail
out=$(realpath -m "${1:?usage: build-root.sh OUT}")
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}
# Modules: jdeps of the shaded jar, plus those loaded as services (EC crypto for TLS and Web Push,
# extra charsets, zipfs).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/data" "$out/tmp"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/opt/java"
# Debian links the CA store to /etc/ssl/certs/java/cacerts: put the real file in the runtime.
if [ -L "$out/opt/java/lib/security/cacerts" ] || [ ! -s "$out/opt/java/lib/security/cacerts" ]; then
  cp --remove-destination -L "$java_home/lib/security/cacerts" "$out/opt/java/lib/security/cacerts"
fi

# Every library the runtime's binaries need, with the symlink names the loader looks up.
copy_lib() {
  local path=$1
  # The runtime's own libraries (found by ldd through their RPATH) are in place already.
  case "$path" in "$out"/*) return 0 ;; esac
  [ -e "$out$path" ] && return 0
  mkdir -p "$out$(dirname "$path")"
  cp -L "$path" "$out$path"
}
while read -r lib; do
  copy_lib "$lib"
done < <(find "$out/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// { print $3 } /^\s*\/[^ ]*ld-linux/ { print $1 }' | sort -u)
loader=$(ldd "$out/opt/java/bin/java" | awk '/ld-linux/ { print $1 }')
copy_lib "$loader"
# Libraries loaded at run time that ldd of the runtime does not see: name service (DNS, users), and
# glibc's compatibility stubs that native code inside jars links to (sqlite-jdbc: libpthread.so.0).
for extra in libnss_files.so.2 libnss_dns.so.2 libresolv.so.2 libpthread.so.0 libdl.so.2 \
  librt.so.1 libutil.so.1; do
  # (awk reads all input: an early exit would kill ldconfig with SIGPIPE under pipefail)
  p=$(ldconfig -p | awk -v n="$extra" '$1 == n && /x86-64|AArch64/ && !seen { print $NF; seen = 1 }')
  [ -n "$p" ] && copy_lib "$p"
done

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
messenger:x:10001:10001:messenger:/data:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
messenger:x:10001:
GROUP
echo 'hosts: files dns' > "$out/etc/nsswitch.conf"
# The loader's cache, so it finds the multiarch library directories.
for d in "$out"/lib/* "$out"/usr/lib/*; do
  if [ -d "$d" ]; then echo "${d#"$out"}"; fi
done > "$out/etc/ld.so.conf"
ldconfig -r "$out"
chmod 1777 "$out/tmp"
chmod 0777 "$out/data"
echo "image root in $out: $(du -sh "$out" | cut -f1)"
