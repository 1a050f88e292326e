package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// SessionsFile is the name of the sessions file in the state folder.
const SessionsFile = "sessions.json"

// storeSlack is how far a session's expiry may move before the file is
// written again: every editor request pushes the idle expiry forward,
// and writing the file for each would be wasted work. After a restart an
// idle session may so end up to this much early.
const storeSlack = time.Minute

// fileStore keeps sessions (scs.Store) in memory and in a file in the
// state folder, so that they survive a restart. The file holds a SHA-256
// of each session token, never the token itself: someone who reads a
// backup of the state folder cannot take over a session.
type fileStore struct {
	mu   sync.Mutex
	path string
	now  func() time.Time
	m    map[string]storedSession
}

type storedSession struct {
	Data   []byte    `json:"data"`
	Expiry time.Time `json:"expiry"`
}

// openStore reads the sessions file at path. A file that cannot be read
// is not fatal: it costs everyone a new login, which the returned
// warning says.
func openStore(path string, now func() time.Time) (*fileStore, error) {
	s := &fileStore{path: path, now: now, m: map[string]storedSession{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err == nil {
		err = json.Unmarshal(b, &s.m)
	}
	if err != nil {
		s.m = map[string]storedSession{}
		return s, fmt.Errorf("auth: the sessions file %s cannot be read (%v): everyone will have to log in again", path, err)
	}
	return s, nil
}

func storeKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Find returns the data of an unexpired session.
func (s *fileStore) Find(token string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.m[storeKey(token)]
	if !ok || !s.now().Before(ss.Expiry) {
		return nil, false, nil
	}
	return ss.Data, true, nil
}

// Commit stores a session's data and expiry.
func (s *fileStore) Commit(token string, data []byte, expiry time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := storeKey(token)
	old, ok := s.m[k]
	s.m[k] = storedSession{Data: data, Expiry: expiry}
	if ok && bytes.Equal(old.Data, data) && expiry.Sub(old.Expiry).Abs() < storeSlack {
		s.m[k] = storedSession{Data: data, Expiry: old.Expiry}
		return nil
	}
	return s.save()
}

// Delete removes a session.
func (s *fileStore) Delete(token string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := storeKey(token)
	if _, ok := s.m[k]; !ok {
		return nil
	}
	delete(s.m, k)
	return s.save()
}

// save drops expired sessions and writes the rest to the file.
func (s *fileStore) save() error {
	now := s.now()
	for k, ss := range s.m {
		if !now.Before(ss.Expiry) {
			delete(s.m, k)
		}
	}
	b, err := json.Marshal(s.m)
	if err != nil {
		return err
	}
	return writeAtomic(s.path, b)
}
