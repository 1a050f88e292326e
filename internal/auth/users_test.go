package auth

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// testUsers returns an accounts file in a new state folder, hashing
// cheaply.
func testUsers(t *testing.T) *Users {
	t.Helper()
	u := OpenUsers(filepath.Join(t.TempDir(), "state"))
	u.p = cheap
	return u
}

func TestUsersAddListRemove(t *testing.T) {
	u := testUsers(t)
	if names, err := u.List(); err != nil || len(names) != 0 {
		t.Fatalf("List() of no file = %v, %v; want none", names, err)
	}
	if changed, err := u.Add("Anna", "correct horse battery"); err != nil || changed {
		t.Fatalf("Add(Anna) = %v, %v; want a new account", changed, err)
	}
	if _, err := u.Add("ben", "staple gun in the garden"); err != nil {
		t.Fatal(err)
	}
	if names, _ := u.List(); !slices.Equal(names, []string{"anna", "ben"}) {
		t.Fatalf("List() = %v, want [anna ben]", names)
	}
	st, err := os.Stat(u.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the accounts file has mode %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(u.Path())
	if strings.Contains(string(b), "correct horse") {
		t.Fatal("the accounts file holds the password itself")
	}
	h, ok, err := u.lookup("anna")
	if err != nil || !ok || !h.verify("correct horse battery") {
		t.Fatalf("lookup(anna) = %v, %v: the password does not verify", ok, err)
	}

	if changed, err := u.Add("anna", "a new and longer phrase"); err != nil || !changed {
		t.Fatalf("Add(anna) again = %v, %v; want the password changed", changed, err)
	}
	h, _, _ = u.lookup("anna")
	if h.verify("correct horse battery") || !h.verify("a new and longer phrase") {
		t.Error("after a change, the old password still works or the new one does not")
	}

	if err := u.Remove("ANNA"); err != nil {
		t.Fatal(err)
	}
	if names, _ := u.List(); !slices.Equal(names, []string{"ben"}) {
		t.Fatalf("after Remove(anna), List() = %v, want [ben]", names)
	}
	if err := u.Remove("anna"); err == nil || !strings.Contains(err.Error(), "no account") {
		t.Errorf("Remove of a missing account = %v, want an error saying there is no account", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(u.Path())); len(ents) != 1 {
		t.Errorf("the state folder holds %d files, want only the accounts file (no temporary files left)", len(ents))
	}
}

func TestUsersAddRefuses(t *testing.T) {
	u := testUsers(t)
	for _, tt := range []struct{ name, password, want string }{
		{"anna", "short", "at least 12"},
		{"anna", "password1234", "common"},
		{"", "correct horse battery", "1 to 64 characters"},
		{"an na", "correct horse battery", "only letters"},
		{"../etc", "correct horse battery", "only letters"},
		{"-anna", "correct horse battery", "only letters"},
	} {
		if _, err := u.Add(tt.name, tt.password); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Add(%q, %q) = %v, want an error saying %q", tt.name, tt.password, err, tt.want)
		}
	}
	if _, err := os.Stat(u.Path()); err == nil {
		t.Error("a refused account wrote the accounts file")
	}
}

func TestUsersCorruptFile(t *testing.T) {
	u := testUsers(t)
	if _, err := u.Add("anna", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(u.Path())
	bad := string(b) + "\nben hunter2\n"
	if err := os.WriteFile(u.Path(), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(strings.TrimRight(bad, "\n"), "\n") + 1
	want := u.Path() + ":" + strconv.Itoa(line) + ": "
	for name, f := range map[string]func() error{
		"List":   func() error { _, err := u.List(); return err },
		"Add":    func() error { _, err := u.Add("cleo", "correct horse battery"); return err },
		"lookup": func() error { _, _, err := u.lookup("anna"); return err },
	} {
		err := f()
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "relief user add") {
			t.Errorf("%s on a corrupt file = %v, want an error starting %q that says how to fix it", name, err, want)
		}
	}
}
