#!/bin/sh
# Builds the archive parley-<version>-linux-x64.tar.gz: a Java runtime made by jlink with the
# launcher, the kernel and the libraries linked in (each is a named module), the project's plugins,
# bin/parley and its jvm.options, a parley.properties with every setting, and the docs. The
# launcher's Maven build runs it in the package phase (skip it with -Dparley.dist.skip=true);
# ./parley dist prints where it is.
#
#   make-dist.sh JAVA_HOME VERSION TARGET_DIR ROOT_DIR
set -eu

java_home=$1 version=$2 target=$3 root=$4
name=parley-$version
stage=$target/dist/$name
archive=$target/$name-linux-x64.tar.gz

rm -rf "$target/dist" "$archive"
mkdir -p "$stage/bin" "$stage/plugins" "$stage/docs"

# java.base and whatever the modules require; java.xml is Logback's, named in case it ever turns optional
"$java_home/bin/jlink" --module-path "$target/parley-launcher.jar:$target/lib" \
  --add-modules parley.launcher,java.xml \
  --output "$stage/runtime" --strip-debug --no-header-files --no-man-pages --compress=zip-6

# plugin jars, and plugin folders (a plugin with its libraries, like the history and H2)
cp -R "$target"/dist-plugins/. "$stage/plugins/"
cp "$root/launcher/src/dist/parley" "$stage/bin/parley"
cp "$root/launcher/src/dist/jvm.options" "$stage/jvm.options"
chmod 755 "$stage/bin/parley"
cp "$root/LICENSE" "$root/README.md" "$root/CHANGELOG.md" "$stage/"
cp -R "$root/docs/." "$stage/docs/"

# the config file, made by the runtime just linked: every setting of the kernel and the plugins
"$stage/runtime/bin/java" -Dparley.home="$stage" -m parley.launcher/parley.launcher.Main config \
  > "$stage/parley.properties"

tar -czf "$archive" -C "$target/dist" "$name"
echo "parley: built $archive"
