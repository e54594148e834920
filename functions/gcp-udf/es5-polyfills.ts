/**
 * ES5 source prepended to the Dataflow UDF. The Google-provided templates evaluate UDFs with Nashorn
 * in its default ECMAScript 5.1 mode: no Map, Set, Symbol, TextDecoder or ES2015+ library methods.
 * The core is compiled to ES5 syntax by build-udf.ts; these definitions supply the library pieces
 * the compiled core calls. Each is installed only where missing, so under Node (tests) the native
 * one stays. Kept as a plain string: it must reach the UDF verbatim, untouched by any compiler.
 */
export const ES5_POLYFILLS = String.raw`
(function (global) {
  "use strict";
  function define(target, name, value) {
    if (!(name in target)) Object.defineProperty(target, name, { value: value, configurable: true, writable: true, enumerable: false });
  }
  // Symbol: just enough for TypeScript's iteration helpers (Symbol.iterator as a well-known key).
  if (typeof global.Symbol !== "function") {
    var counter = 0;
    var SymbolShim = function (description) { counter += 1; return "@@symbol:" + (description || "") + ":" + counter; };
    SymbolShim.iterator = "@@iterator";
    global.Symbol = SymbolShim;
  }
  var ITERATOR = global.Symbol.iterator;
  function arrayIterator(items) {
    var index = 0;
    var it = { next: function () { return index < items.length ? { value: items[index++], done: false } : { value: undefined, done: true }; } };
    it[ITERATOR] = function () { return it; };
    return it;
  }
  // Strings iterate by code point, as in ES2015 ([...s].length counts characters, not UTF-16 units).
  define(String.prototype, ITERATOR, function () {
    var s = String(this), points = [], i = 0;
    while (i < s.length) {
      var c = s.charCodeAt(i);
      var wide = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      points.push(s.slice(i, wide ? i + 2 : i + 1));
      i += wide ? 2 : 1;
    }
    return arrayIterator(points);
  });
  define(Array.prototype, ITERATOR, function () { return arrayIterator(this); });

  function sameValueZero(a, b) { return a === b || (a !== a && b !== b); }
  function toItems(iterable) {
    if (iterable == null) return [];
    if (typeof iterable[ITERATOR] === "function") {
      var it = iterable[ITERATOR](), out = [], step;
      while (!(step = it.next()).done) out.push(step.value);
      return out;
    }
    return Array.prototype.slice.call(iterable);
  }
  // Map and Set with insertion order; lookups are linear, fine for the handful of keys the core holds.
  if (typeof global.Map !== "function") {
    var MapShim = function (entries) {
      this._keys = []; this._values = [];
      var items = toItems(entries);
      for (var i = 0; i < items.length; i++) this.set(items[i][0], items[i][1]);
    };
    MapShim.prototype._find = function (key) {
      for (var i = 0; i < this._keys.length; i++) if (sameValueZero(this._keys[i], key)) return i;
      return -1;
    };
    MapShim.prototype.get = function (key) { var i = this._find(key); return i < 0 ? undefined : this._values[i]; };
    MapShim.prototype.has = function (key) { return this._find(key) >= 0; };
    MapShim.prototype.set = function (key, value) {
      var i = this._find(key);
      if (i < 0) { this._keys.push(key); this._values.push(value); } else { this._values[i] = value; }
      return this;
    };
    MapShim.prototype["delete"] = function (key) {
      var i = this._find(key);
      if (i < 0) return false;
      this._keys.splice(i, 1); this._values.splice(i, 1);
      return true;
    };
    MapShim.prototype.clear = function () { this._keys = []; this._values = []; };
    MapShim.prototype.forEach = function (fn, thisArg) { for (var i = 0; i < this._keys.length; i++) fn.call(thisArg, this._values[i], this._keys[i], this); };
    MapShim.prototype.keys = function () { return arrayIterator(this._keys.slice()); };
    MapShim.prototype.values = function () { return arrayIterator(this._values.slice()); };
    MapShim.prototype.entries = function () {
      var pairs = [];
      for (var i = 0; i < this._keys.length; i++) pairs.push([this._keys[i], this._values[i]]);
      return arrayIterator(pairs);
    };
    MapShim.prototype[ITERATOR] = MapShim.prototype.entries;
    Object.defineProperty(MapShim.prototype, "size", { get: function () { return this._keys.length; } });
    global.Map = MapShim;
  }
  if (typeof global.Set !== "function") {
    var SetShim = function (values) {
      this._map = new global.Map();
      var items = toItems(values);
      for (var i = 0; i < items.length; i++) this.add(items[i]);
    };
    SetShim.prototype.add = function (value) { this._map.set(value, value); return this; };
    SetShim.prototype.has = function (value) { return this._map.has(value); };
    SetShim.prototype["delete"] = function (value) { return this._map["delete"](value); };
    SetShim.prototype.clear = function () { this._map.clear(); };
    SetShim.prototype.forEach = function (fn, thisArg) { var self = this; this._map.forEach(function (v) { fn.call(thisArg, v, v, self); }); };
    SetShim.prototype.values = function () { return this._map.keys(); };
    SetShim.prototype.keys = SetShim.prototype.values;
    SetShim.prototype[ITERATOR] = SetShim.prototype.values;
    Object.defineProperty(SetShim.prototype, "size", { get: function () { return this._map.size; } });
    global.Set = SetShim;
  }

  define(Object, "entries", function (o) { var out = [], k = Object.keys(o); for (var i = 0; i < k.length; i++) out.push([k[i], o[k[i]]]); return out; });
  define(Object, "values", function (o) { var out = [], k = Object.keys(o); for (var i = 0; i < k.length; i++) out.push(o[k[i]]); return out; });
  define(Object, "fromEntries", function (entries) { var out = {}, items = toItems(entries); for (var i = 0; i < items.length; i++) out[items[i][0]] = items[i][1]; return out; });
  define(Object, "assign", function (target) {
    for (var a = 1; a < arguments.length; a++) { var src = arguments[a]; if (src != null) for (var k in src) if (Object.prototype.hasOwnProperty.call(src, k)) target[k] = src[k]; }
    return target;
  });
  define(Number, "isFinite", function (v) { return typeof v === "number" && isFinite(v); });
  define(Number, "isNaN", function (v) { return typeof v === "number" && v !== v; });
  define(Number, "isInteger", function (v) { return typeof v === "number" && isFinite(v) && Math.floor(v) === v; });
  define(Number, "isSafeInteger", function (v) { return Number.isInteger(v) && Math.abs(v) <= 9007199254740991; });
  define(Number, "MAX_SAFE_INTEGER", 9007199254740991);
  define(Number, "MIN_SAFE_INTEGER", -9007199254740991);
  define(Math, "trunc", function (v) { return v < 0 ? Math.ceil(v) : Math.floor(v); });
  define(Array, "from", function (items, mapFn) { var out = toItems(items); return mapFn ? out.map(mapFn) : out; });
  define(Array, "of", function () { return Array.prototype.slice.call(arguments); });
  define(Array.prototype, "includes", function (v) { for (var i = 0; i < this.length; i++) if (sameValueZero(this[i], v)) return true; return false; });
  define(Array.prototype, "find", function (fn, t) { for (var i = 0; i < this.length; i++) if (fn.call(t, this[i], i, this)) return this[i]; return undefined; });
  define(Array.prototype, "findIndex", function (fn, t) { for (var i = 0; i < this.length; i++) if (fn.call(t, this[i], i, this)) return i; return -1; });
  define(Array.prototype, "fill", function (v) { for (var i = 0; i < this.length; i++) this[i] = v; return this; });
  define(String.prototype, "includes", function (s, from) { return String(this).indexOf(s, from || 0) !== -1; });
  define(String.prototype, "startsWith", function (s, at) { at = at || 0; return String(this).substr(at, String(s).length) === String(s); });
  define(String.prototype, "endsWith", function (s) { var t = String(this); s = String(s); return t.length >= s.length && t.slice(t.length - s.length) === s; });
  define(String.prototype, "repeat", function (n) { var out = ""; for (var i = 0; i < n; i++) out += this; return out; });
  define(String.prototype, "padStart", function (len, pad) {
    var t = String(this); pad = pad === undefined ? " " : String(pad);
    while (t.length < len) t = pad.slice(0, len - t.length) + t;
    return t;
  });
  define(String.prototype, "padEnd", function (len, pad) {
    var t = String(this); pad = pad === undefined ? " " : String(pad);
    while (t.length < len) t = t + pad.slice(0, len - t.length);
    return t;
  });
  define(String.prototype, "codePointAt", function (i) {
    var s = String(this), c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { var d = s.charCodeAt(i + 1); if ((d & 0xfc00) === 0xdc00) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000; }
    return c !== c ? undefined : c;
  });

  // TextDecoder: UTF-8 only, as the core uses it (fatal: invalid sequences throw; a leading BOM is dropped).
  if (typeof global.TextDecoder !== "function") {
    var TextDecoderShim = function (label, options) {
      if (String(label || "utf-8").toLowerCase().replace("utf8", "utf-8") !== "utf-8") throw new RangeError("only utf-8 is supported");
      this.fatal = Boolean(options && options.fatal);
      this.ignoreBOM = Boolean(options && options.ignoreBOM);
    };
    TextDecoderShim.prototype.decode = function (bytes) {
      var out = [], i = 0, n = bytes ? bytes.length : 0, self = this;
      function bad() { if (self.fatal) throw new TypeError("The encoded data was not valid for encoding utf-8"); out.push(0xfffd); }
      while (i < n) {
        var b = bytes[i], need = 0, cp = 0, min = 0;
        if (b < 0x80) { out.push(b); i += 1; continue; }
        else if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; min = 0x80; }
        else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; min = 0x800; }
        else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; min = 0x10000; }
        else { bad(); i += 1; continue; }
        var j = 1, ok = true;
        for (; j <= need; j++) {
          if (i + j >= n || (bytes[i + j] & 0xc0) !== 0x80) { ok = false; break; }
          cp = (cp << 6) | (bytes[i + j] & 0x3f);
        }
        if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) { bad(); i += ok ? need + 1 : j; continue; }
        out.push(cp); i += need + 1;
      }
      if (!this.ignoreBOM && out[0] === 0xfeff) out.shift();
      var s = "";
      for (var k = 0; k < out.length; k++) {
        var c = out[k];
        if (c > 0xffff) { c -= 0x10000; s += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff)); }
        else s += String.fromCharCode(c);
      }
      return s;
    };
    global.TextDecoder = TextDecoderShim;
  }
})(this);
`;
