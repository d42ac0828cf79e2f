#!/usr/bin/env bash
# Backs up the hosted service: the database and the data folder, into a dated folder,
# keeping the newest N. Run it as the service's user, which may read the database:
#
#   sudo -u faa-flere /usr/local/sbin/faa-flere-backup
#
# Settings come from the environment, or else from /etc/faa-flere/env
# (FAA_FLERE_ENV_FILE names another file):
#   FAA_FLERE_DATABASE_URL  postgresql+psycopg://… (pg_dump, custom format) or sqlite:///… (sqlite3 .backup)
#   FAA_FLERE_DATA          the data folder, archived with tar (the SQLite file left out)
#   FAA_FLERE_BACKUPS       where backups go (default /var/backups/faa-flere)
#   FAA_FLERE_BACKUPS_KEEP  how many to keep (default 14)
#
# Each backup is a folder named by its UTC time, e.g. 2026-11-28T031500Z/, holding
# database.dump (PostgreSQL) or database.sqlite, and data.tar.gz. It is written under a
# temporary name and renamed when complete, so a failed run leaves no backup that looks
# whole and removes none of the old ones. Restoring: see the README.
#
# No password is ever put on a command line (where every user could read it in the process
# list): PostgreSQL is reached through its socket with peer authentication, or with a
# password in a PGPASSFILE; a database URL that holds a password is refused.
set -euo pipefail
umask 077

die() { echo "faa-flere-backup: $*" >&2; exit 1; }

# Reads FAA_FLERE_* settings from the environment file without running it as a script;
# a variable already in the environment wins.
env_file=${FAA_FLERE_ENV_FILE:-/etc/faa-flere/env}
if [[ -r $env_file ]]; then
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^(FAA_FLERE_[A-Z_]+)=(.*)$ ]]; then
      name=${BASH_REMATCH[1]}
      value=${BASH_REMATCH[2]}
      # systemd allows the value in quotes
      if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
      [[ -v $name ]] || export "$name=$value"
    fi
  done < "$env_file"
elif [[ -n ${FAA_FLERE_ENV_FILE:-} ]]; then
  die "cannot read $env_file"
fi

url=${FAA_FLERE_DATABASE_URL:?FAA_FLERE_DATABASE_URL is not set (nor in $env_file)}
data=${FAA_FLERE_DATA:?FAA_FLERE_DATA is not set (nor in $env_file)}
backups=${FAA_FLERE_BACKUPS:-/var/backups/faa-flere}
keep=${FAA_FLERE_BACKUPS_KEEP:-14}
[[ $keep =~ ^[1-9][0-9]*$ ]] || die "FAA_FLERE_BACKUPS_KEEP must be a whole number of 1 or more, not '$keep'"
[[ -d $data ]] || die "the data folder $data does not exist"

# Which database, checked before anything is written.
case $url in
  postgresql*://*)
    kind=postgresql
    # SQLAlchemy's driver name is not libpq's: postgresql+psycopg:// -> postgresql://
    conninfo=postgresql://${url#*://}
    userinfo=${conninfo#postgresql://}
    userinfo=${userinfo%%/*}
    if [[ $userinfo == *@* && ${userinfo%@*} == *:* || $url == *[?\&]password=* ]]; then
      die "FAA_FLERE_DATABASE_URL holds a password; use peer authentication or a PGPASSFILE instead"
    fi
    ;;
  sqlite:///*)
    kind=sqlite
    db=${url#sqlite:///}
    db=${db%%\?*}
    [[ -f $db ]] || die "the SQLite database $db does not exist"
    [[ $db != *[\'\"]* ]] || die "cannot back up a database whose path holds a quote: $db"
    ;;
  *)
    die "FAA_FLERE_DATABASE_URL is neither postgresql:// nor sqlite:///: ${url%%://*}://…"
    ;;
esac

mkdir -p "$backups"
backups=$(realpath "$backups")
# One backup at a time.
exec 9> "$backups/.lock"
flock --nonblocking 9 || die "another backup is running in $backups"

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
target=$backups/$stamp
[[ ! -e $target ]] || die "$target exists already"
partial=$backups/.partial-$stamp
rm -rf "$partial"
mkdir "$partial"
trap 'rm -rf "$partial"' EXIT

data_abs=$(realpath "$data")
exclude=()
if [[ $kind == postgresql ]]; then
  pg_dump --format=custom --file="$partial/database.dump" --dbname="$conninfo"
  # A dump that pg_restore cannot list is no backup.
  pg_restore --list "$partial/database.dump" > /dev/null
else
  # .backup copies a consistent snapshot while the service keeps writing.
  sqlite3 -readonly "$db" ".backup '$partial/database.sqlite'"
  check=$(sqlite3 "$partial/database.sqlite" 'PRAGMA integrity_check')
  [[ $check == ok ]] || die "the copy of $db fails its integrity check: $check"
  # The live database file is in the copy above; the archive leaves it out.
  db_abs=$(realpath "$db")
  if [[ $db_abs == "$data_abs"/* ]]; then
    rel=${db_abs#"$data_abs"/}
    exclude+=("--exclude=./$rel" "--exclude=./$rel-wal" "--exclude=./$rel-shm" "--exclude=./$rel-journal")
  fi
fi

# The backups themselves stay out of the archive if they are kept in the data folder.
if [[ $backups == "$data_abs"/* ]]; then
  exclude+=("--exclude=./${backups#"$data_abs"/}")
fi
# tar exits with 1 when a file changed while it was read (a build writing a pack): the
# archive is still good, and the next backup has the finished file.
status=0
tar --create --gzip --file="$partial/data.tar.gz" --directory="$data" \
  --warning=no-file-changed "${exclude[@]}" . || status=$?
(( status <= 1 )) || die "tar failed with status $status"

mv -T "$partial" "$target"
trap - EXIT
echo "$target"

# Keeps the newest $keep backups: the folders named by a time, oldest first by name.
mapfile -t all < <(find "$backups" -mindepth 1 -maxdepth 1 -type d \
  -regextype posix-extended -regex '.*/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{6}Z' -printf '%f\n' | sort)
for (( i = 0; i < ${#all[@]} - keep; i++ )); do
  rm -rf -- "${backups:?}/${all[i]}"
done
