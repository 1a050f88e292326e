package auth

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength is the fewest characters a password may have.
const MinPasswordLength = 12

// maxPasswordLength bounds what is hashed: a password is typed by a
// person, and nobody should make the server hash a megabyte.
const maxPasswordLength = 1024

//go:embed common.txt
var commonText []byte

// params are argon2id's costs. They are written into every hash, so a
// change here applies to new passwords while old hashes still verify.
type params struct {
	memory  uint32 // KiB
	time    uint32 // passes
	threads uint8
}

// defaultParams are OWASP's first recommendation for argon2id (46 MiB,
// one pass, one thread): about 50 ms on a small server, and 46 MiB per
// check, which is why logins are throttled before a hash is checked and
// at most two checks run at once (see Service).
var defaultParams = params{memory: 46 * 1024, time: 1, threads: 1}

const (
	saltLength = 16
	keyLength  = 32
)

// CheckPassword says why password may not be used for the account name,
// or returns nil. The rule: at least 12 characters, not one character
// repeated, not the account's name, not on the short list of the most
// common passwords. The error is written for the person choosing it.
func CheckPassword(name, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return errors.New("the password has characters that are not text: type it again")
	case n < MinPasswordLength:
		return fmt.Errorf("the password is %d characters long; it needs at least %d. A short sentence of four or five words you will remember works well", n, MinPasswordLength)
	case len(password) > maxPasswordLength:
		return fmt.Errorf("the password is longer than %d bytes: choose a shorter one", maxPasswordLength)
	case strings.Count(password, password[:1]) == len(password):
		return errors.New("the password is one character repeated: choose one that is hard to guess, such as a short sentence of four or five words")
	case strings.EqualFold(password, name):
		return errors.New("the password is the account's name: choose one that is hard to guess, such as a short sentence of four or five words")
	case isCommon(password):
		return errors.New("the password is on the list of the most common passwords, which are tried first by anyone guessing: choose another of at least 12 characters, such as a short sentence of four or five words")
	}
	return nil
}

// isCommon reports whether password is on the embedded list, ignoring case.
func isCommon(password string) bool {
	sc := bufio.NewScanner(bytes.NewReader(commonText))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") && strings.EqualFold(line, password) {
			return true
		}
	}
	return false
}

// hashPassword returns password's argon2id hash in the usual text form:
// $argon2id$v=19$m=47104,t=1,p=1$SALT$KEY (base64 without padding).
func hashPassword(password string, p params) (string, error) {
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: making a salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, keyLength)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// parsedHash is a hash split into its parts.
type parsedHash struct {
	p         params
	salt, key []byte
}

// parseHash reads a hash made by hashPassword, or says what is wrong.
func parseHash(s string) (parsedHash, error) {
	var h parsedHash
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return h, errors.New("this is not an argon2id password hash")
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return h, fmt.Errorf("the hash has version %q; relief makes version %d", parts[2], argon2.Version)
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.p.memory, &h.p.time, &h.p.threads); err != nil {
		return h, fmt.Errorf("the hash's costs %q cannot be read", parts[3])
	}
	if h.p.memory < 8*1024 || h.p.memory > 1024*1024 || h.p.time < 1 || h.p.time > 16 || h.p.threads < 1 {
		return h, fmt.Errorf("the hash's costs %q are out of range", parts[3])
	}
	var err error
	b64 := base64.RawStdEncoding
	if h.salt, err = b64.DecodeString(parts[4]); err != nil || len(h.salt) < 8 {
		return h, errors.New("the hash's salt cannot be read")
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil || len(h.key) < 16 {
		return h, errors.New("the hash's key cannot be read")
	}
	return h, nil
}

// verify reports whether password matches h, comparing in constant time.
func (h parsedHash) verify(password string) bool {
	if len(password) > maxPasswordLength {
		password = password[:maxPasswordLength]
	}
	key := argon2.IDKey([]byte(password), h.salt, h.p.time, h.p.memory, h.p.threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(key, h.key) == 1
}
