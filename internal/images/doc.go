// Package images owns the pictures of the site: where they live, which
// files are accepted, and the small, sharp, metadata-free copies visitors
// download.
//
// # Where images live
//
// Every image sits in the images folder of the content folder
// (content/images/, subfolders allowed). A page refers to it by its name
// inside that folder: ![A hand easing a stiff shoulder](shoulder.jpg), or
// in the frontmatter "image: shoulder.jpg" with "image_alt: …". The same
// name written as images/shoulder.jpg or /images/shoulder.jpg means the
// same file. Lookup resolves a name and says, in words for the therapist,
// what is wrong when it cannot: a missing file (with the closest name), an
// address on another website (which the site's security rules block), a
// file that is not the image its name claims, an image too large to
// process, a format that is not accepted.
//
// # Which files are accepted
//
// JPEG, PNG and WebP photos and drawings, and SVG drawings. Check is the
// one gate, used for the folder and for the browser editor's uploads: it
// sniffs the type from the bytes (never the name alone), refuses files
// over MaxFileSize, reads only the header (image.DecodeConfig) to refuse
// images over MaxPixels before any decoding, so a decompression bomb costs
// no memory, and refuses an SVG that holds scripts, event handlers,
// <foreignObject> or references to other files or websites.
//
// # What visitors get
//
// A raster image becomes a <picture> with a WebP source and a JPEG (or
// PNG, for PNG originals, which may be transparent) fallback, in the widths
// of Ladder that are narrower than the original, plus the original width
// when it is below the ladder's top: 360 pixels for a phone up to 1440 for
// a desktop screen at twice the density. Every <img> has width and height
// (the upright size), so nothing moves while it loads; the first image of a
// page loads eagerly, the others lazily. An SVG is served as it is.
//
// Before resizing, the EXIF orientation of a JPEG is applied, so a portrait
// photo stays upright; every output is then encoded from pixels alone, so
// no EXIF or XMP metadata (GPS location, camera serial, owner name)
// survives.
//
// # Processed once
//
// A variant's URL is /static/images/<name>.<hash>.<width>.<ext>, where
// hash comes from the original's bytes: the URL changes exactly when the
// file does, so it is cached forever (the Fingerprinted policy). The URLs,
// widths and heights are known from the header alone (Scan), so rendering a
// page never waits for pixels. Processor.Start makes the variants in the
// background, on every CPU, while the pages are already served; a request
// for a variant waits for its own image only (Set.File), and relief check
// and relief build wait for all (Set.Wait). Each image is made once per
// process (kept in memory by hash, so a preview save of a page never
// reprocesses its images) and once per machine (kept in the disk cache,
// package cache, by the original's hash).
package images
