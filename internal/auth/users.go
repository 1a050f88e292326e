package auth

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// UsersFile is the name of the accounts file in the state folder.
const UsersFile = "users"

// usersHeader starts every accounts file relief writes.
const usersHeader = "# The accounts of relief's browser editor: a name and a password hash a line.\n# Change them with relief user add NAME and relief user remove NAME.\n"

// Users is the accounts file: one account a line, its name, a space and
// its password's argon2id hash. Lines starting with # are comments. The
// file lives in the state folder, outside the content (so never in its
// git history), and relief writes it atomically with mode 0600. It is
// read afresh on every use, so relief user add and remove take effect on
// a running server at once.
type Users struct {
	path string
	p    params
}

// OpenUsers returns the accounts file in the state folder dir. The file
// need not exist yet: it then holds no accounts.
func OpenUsers(dir string) *Users {
	return &Users{path: filepath.Join(dir, UsersFile), p: defaultParams}
}

// Path is the accounts file's path.
func (u *Users) Path() string { return u.path }

// account is one line of the file.
type account struct {
	name, hash string
}

// NormalName returns name as accounts are kept (lower case, trimmed), or
// says what is wrong with it.
func NormalName(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" || len(n) > 64 {
		return "", fmt.Errorf("the account name %q should be 1 to 64 characters, such as anna", name)
	}
	for i, c := range n {
		ok := 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || (i > 0 && strings.ContainsRune("._@-", c))
		if !ok {
			return "", fmt.Errorf("the account name %q may have only letters a to z, digits, and . _ @ - after the first character, such as anna or anna.berg", name)
		}
	}
	return n, nil
}

// read returns the accounts in the file, or an error naming the file and
// line of the first one that cannot be read.
func (u *Users) read() ([]account, error) {
	b, err := os.ReadFile(u.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("auth: cannot read the accounts file: %w", err)
	}
	var list []account
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		name, hash, _ := strings.Cut(text, " ")
		hash = strings.TrimSpace(hash)
		n, nerr := NormalName(name)
		_, herr := parseHash(hash)
		if nerr != nil || herr != nil || n != name {
			return nil, fmt.Errorf("%s:%d: this line should be an account name, a space and a password hash written by relief user add; fix the line, or delete it and run relief user add NAME again", u.path, line)
		}
		list = append(list, account{name: name, hash: hash})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", u.path, err)
	}
	return list, nil
}

// List returns the names of the accounts, sorted.
func (u *Users) List() ([]string, error) {
	list, err := u.read()
	if err != nil {
		return nil, err
	}
	names := make([]string, len(list))
	for i, a := range list {
		names[i] = a.name
	}
	slices.Sort(names)
	return names, nil
}

// Add creates the account name with password, or gives an existing one
// the new password; changed reports which. The password must pass
// CheckPassword.
func (u *Users) Add(name, password string) (changed bool, err error) {
	n, err := NormalName(name)
	if err != nil {
		return false, err
	}
	if err := CheckPassword(n, password); err != nil {
		return false, err
	}
	list, err := u.read()
	if err != nil {
		return false, err
	}
	hash, err := hashPassword(password, u.p)
	if err != nil {
		return false, err
	}
	i := slices.IndexFunc(list, func(a account) bool { return a.name == n })
	if i >= 0 {
		list[i].hash = hash
	} else {
		list = append(list, account{name: n, hash: hash})
	}
	return i >= 0, u.write(list)
}

// Remove deletes the account name. Removing an account that does not
// exist is an error, so a mistyped name is noticed.
func (u *Users) Remove(name string) error {
	n, err := NormalName(name)
	if err != nil {
		return err
	}
	list, err := u.read()
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(a account) bool { return a.name == n })
	if i < 0 {
		return fmt.Errorf("there is no account %q in %s (relief user list shows them)", n, u.path)
	}
	return u.write(slices.Delete(list, i, i+1))
}

// lookup returns the hash of the account name; ok is false when there is
// no such account.
func (u *Users) lookup(name string) (h parsedHash, ok bool, err error) {
	list, err := u.read()
	if err != nil {
		return h, false, err
	}
	for _, a := range list {
		if a.name == name {
			h, err = parseHash(a.hash)
			return h, err == nil, err
		}
	}
	return h, false, nil
}

// write replaces the file with list, atomically: a temporary file in the
// same folder, mode 0600, synced, renamed over the old one, and the
// folder synced. The state folder is made (mode 0700) when missing.
func (u *Users) write(list []account) error {
	var b bytes.Buffer
	b.WriteString(usersHeader)
	for _, a := range list {
		fmt.Fprintf(&b, "%s %s\n", a.name, a.hash)
	}
	return writeAtomic(u.path, b.Bytes())
}

// writeAtomic replaces the file at path with data (mode 0600, owned by
// the folder's owner) so that a reader sees the old file or the new one,
// never a part.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("auth: cannot make the state folder: %w (give -state a folder relief may write)", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("auth: cannot write in the state folder: %w (give -state a folder relief may write)", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	err = f.Chmod(0o600)
	if err == nil {
		err = matchOwner(f, dir)
	}
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return fmt.Errorf("auth: writing %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
