package images

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"image"
	stddraw "image/draw"
	"io"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// The WebP encoder is libwebp compiled to WebAssembly and run by wazero,
// a WebAssembly runtime in pure Go: no CGo, and nothing loaded from the
// system, so relief stays one static file. The module and the small
// wrapper below come from github.com/gen2brain/webp (MIT; libwebp is BSD:
// see WEBP_LICENSE). That package is not imported because on Linux it
// also tries to load a system libwebp through purego, which makes a
// CGO_ENABLED=0 build a dynamically linked executable.
//
//go:embed webp.wasm.gz
var webpWasm []byte

// wasmWebP is the compiled module, made on the first encode (about a
// second; a start that finds every variant in the cache never pays it)
// and shared by every encode of the process: it is never changed.
var wasmWebP = sync.OnceValues(compileWebP)

type webpModule struct {
	rt     wazero.Runtime
	code   wazero.CompiledModule
	config wazero.ModuleConfig
}

func compileWebP() (*webpModule, error) {
	ctx := context.Background()
	zr, err := gzip.NewReader(bytes.NewReader(webpWasm))
	if err != nil {
		return nil, err
	}
	wasm, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	rt := wazero.NewRuntime(ctx)
	code, err := rt.CompileModule(ctx, wasm)
	if err != nil {
		return nil, err
	}
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		return nil, err
	}
	cfg := wazero.NewModuleConfig().WithStderr(io.Discard).WithStdout(io.Discard).WithName("")
	return &webpModule{rt: rt, code: code, config: cfg}, nil
}

// encodeWebP encodes m as a lossy WebP of quality (0 to 100) with
// libwebp's method (0 fast to 6 small). Only pixels are written: no
// metadata chunk.
func encodeWebP(w io.Writer, m image.Image, quality, method int) error {
	wm, err := wasmWebP()
	if err != nil {
		return fmt.Errorf("webp: starting the encoder: %w", err)
	}
	ctx := context.Background()
	mod, err := wm.rt.InstantiateModule(ctx, wm.code, wm.config)
	if err != nil {
		return err
	}
	defer mod.Close(ctx)
	alloc, free, encode := mod.ExportedFunction("malloc"), mod.ExportedFunction("free"), mod.ExportedFunction("encode")

	pix := straightRGBA(m)
	b := m.Bounds()
	res, err := alloc.Call(ctx, uint64(len(pix)))
	if err != nil {
		return err
	}
	in := res[0]
	defer free.Call(ctx, in)
	if !mod.Memory().Write(uint32(in), pix) {
		return errors.New("webp: out of encoder memory")
	}
	res, err = alloc.Call(ctx, 8)
	if err != nil {
		return err
	}
	sizeAt := res[0]
	defer free.Call(ctx, sizeAt)
	// encode(pixels, width, height, &size, colorspace (0: RGBA), quality, method, lossless, exact)
	res, err = encode.Call(ctx, in, uint64(b.Dx()), uint64(b.Dy()), sizeAt, 0, uint64(quality), uint64(method), 0, 0)
	if err != nil {
		return fmt.Errorf("webp: %w", err)
	}
	defer free.Call(ctx, res[0])
	size, ok := mod.Memory().ReadUint64Le(uint32(sizeAt))
	if !ok || size == 0 {
		return errors.New("webp: the encoder made nothing")
	}
	out, ok := mod.Memory().Read(uint32(res[0]), uint32(size))
	if !ok {
		return errors.New("webp: cannot read the encoder's output")
	}
	_, err = w.Write(out)
	return err
}

// straightRGBA returns m's pixels as 8-bit RGBA with straight (not
// premultiplied) alpha, rows packed, as libwebp takes them.
func straightRGBA(m image.Image) []byte {
	b := m.Bounds()
	if r, ok := m.(*image.RGBA); ok && r.Opaque() && r.Stride == 4*b.Dx() {
		return r.Pix // opaque: premultiplied and straight are the same
	}
	n := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	stddraw.Draw(n, n.Bounds(), m, b.Min, stddraw.Src)
	return n.Pix
}
