// Source of the `pq` helper object, a global in every converter's sandbox.
// Both engines evaluate this same text, so helpers behave identically in
// isolated-vm and QuickJS. It is plain ES2020 without Intl, because QuickJS
// ships no Intl: dates are parsed and formatted here, in UTC or a fixed offset.

export const HELPER_SOURCE = String.raw`
(function () {
  'use strict';

  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];
  var WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
  var DATE_TOKENS = /yyyy|yy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|HH|H|hh|h|mm|ss|SSS|a|XXX|'[^']*'/g;
  var EMPTY_KEY = '(none)';

  function isObjectLike(value) {
    return value !== null && typeof value === 'object';
  }

  function isScalar(value) {
    return value === null || (typeof value !== 'object' && typeof value !== 'function');
  }

  // 'fields.assignee.displayName', 'issues[0].key', "_embedded['my key'].id" or ['a', 0, 'b'].
  function parsePath(path) {
    if (Array.isArray(path)) return path;
    if (typeof path === 'number') return [path];
    if (typeof path !== 'string' || path === '') return [];

    var segments = [];
    var index = 0;
    var current = '';
    while (index < path.length) {
      var character = path[index];
      if (character === '.') {
        if (current !== '') segments.push(current);
        current = '';
        index += 1;
      } else if (character === '[') {
        if (current !== '') segments.push(current);
        current = '';
        var close = path.indexOf(']', index);
        if (close === -1) throw new Error('pq: unclosed [ in path ' + JSON.stringify(path));
        var inner = path.slice(index + 1, close);
        var quoted = /^(['"])(.*)\1$/.exec(inner);
        segments.push(quoted ? quoted[2] : /^\d+$/.test(inner) ? Number(inner) : inner);
        index = close + 1;
      } else {
        current += character;
        index += 1;
      }
    }
    if (current !== '') segments.push(current);
    return segments;
  }

  function get(value, path, fallback) {
    if (arguments.length < 3) fallback = null;
    var segments = parsePath(path);
    var current = value;
    for (var i = 0; i < segments.length; i += 1) {
      if (current === null || current === undefined) return fallback;
      current = current[segments[i]];
    }
    return current === null || current === undefined ? fallback : current;
  }

  function selector(keyOrFunction) {
    if (typeof keyOrFunction === 'function') return keyOrFunction;
    return function (item) { return get(item, keyOrFunction, null); };
  }

  function groupKey(value) {
    if (value === null || value === undefined || value === '') return EMPTY_KEY;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  function toArray(items) {
    if (Array.isArray(items)) return items;
    if (items === null || items === undefined) return [];
    throw new TypeError('pq: expected an array of items, got ' + typeof items);
  }

  function toRow(item, columns) {
    var row = {};
    if (Array.isArray(columns)) {
      columns.forEach(function (path) { row[String(path)] = get(item, path, null); });
      return row;
    }
    Object.keys(columns).forEach(function (label) {
      var spec = columns[label];
      row[label] = typeof spec === 'function' ? spec(item) : get(item, spec, null);
    });
    return row;
  }

  function flatten(value, options) {
    if (!isObjectLike(value)) return value;
    var settings = options || {};
    var separator = settings.separator === undefined ? '.' : String(settings.separator);
    var arrays = settings.arrays === 'index' ? 'index' : 'join';
    var joiner = settings.joiner === undefined ? ', ' : String(settings.joiner);
    var maxDepth = typeof settings.maxDepth === 'number' ? settings.maxDepth : 10;
    var flat = {};

    function name(prefix, key) {
      return prefix === '' ? String(key) : prefix + separator + key;
    }

    function visit(node, prefix, depth) {
      if (Array.isArray(node) && arrays === 'join' && node.every(isScalar) && prefix !== '') {
        flat[prefix] = node.map(function (item) { return item === null ? '' : String(item); }).join(joiner);
      } else if (isObjectLike(node) && depth < maxDepth) {
        var keys = Object.keys(node);
        if (keys.length === 0 && prefix !== '') flat[prefix] = Array.isArray(node) ? '' : null;
        keys.forEach(function (key) { visit(node[key], name(prefix, key), depth + 1); });
      } else {
        flat[prefix] = node === undefined ? null : node;
      }
    }

    visit(value, '', 0);
    return flat;
  }

  function countBy(items, keyOrFunction) {
    var select = selector(keyOrFunction);
    var counts = {};
    toArray(items).forEach(function (item) {
      var key = groupKey(select(item));
      counts[key] = (counts[key] || 0) + 1;
    });
    return counts;
  }

  function groupBy(items, keyOrFunction) {
    var select = selector(keyOrFunction);
    var groups = {};
    toArray(items).forEach(function (item) {
      var key = groupKey(select(item));
      (groups[key] || (groups[key] = [])).push(item);
    });
    return groups;
  }

  function sumBy(items, keyOrFunction) {
    var select = selector(keyOrFunction);
    return toArray(items).reduce(function (total, item) {
      var number = Number(select(item));
      return Number.isFinite(number) ? total + number : total;
    }, 0);
  }

  function entries(object, keyName, valueName) {
    var keyLabel = keyName === undefined ? 'key' : String(keyName);
    var valueLabel = valueName === undefined ? 'value' : String(valueName);
    if (!isObjectLike(object)) return [];
    return Object.keys(object).map(function (key) {
      var row = {};
      row[keyLabel] = key;
      row[valueLabel] = object[key];
      return row;
    });
  }

  function offsetMinutes(offset) {
    if (offset === undefined || offset === null || offset === 'Z' || offset === 'z' || offset === '') return 0;
    if (typeof offset === 'number') return offset;
    var match = /^([+-])(\d{2}):?(\d{2})?$/.exec(String(offset));
    if (!match) throw new Error('pq: invalid UTC offset ' + JSON.stringify(offset) + ', expected Z or +hh:mm');
    var minutes = Number(match[2]) * 60 + Number(match[3] || 0);
    return match[1] === '-' ? -minutes : minutes;
  }

  function parseDate(value) {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
    var text = String(value).trim();
    if (/^-?\d+$/.test(text)) return Number(text);

    var match = ISO_DATE.exec(text);
    if (!match) return null;
    var fraction = match[7] ? Number((match[7] + '00').slice(0, 3)) : 0;
    var utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]),
      Number(match[4] || 0), Number(match[5] || 0), Number(match[6] || 0), fraction);
    var zone = 0;
    if (match[8]) {
      // '+13' is short for '+1300'.
      zone = offsetMinutes(match[8].length === 3 ? match[8] + '00' : match[8]);
    }
    var time = utc - zone * 60000;
    return Number.isFinite(time) ? time : null;
  }

  function pad(number, width) {
    var text = String(Math.abs(number));
    while (text.length < width) text = '0' + text;
    return text;
  }

  function formatOffset(minutes) {
    if (minutes === 0) return 'Z';
    var sign = minutes < 0 ? '-' : '+';
    var absolute = Math.abs(minutes);
    return sign + pad(Math.floor(absolute / 60), 2) + ':' + pad(absolute % 60, 2);
  }

  function formatDate(value, pattern, utcOffset) {
    var time = parseDate(value);
    if (time === null) return '';
    var offset = offsetMinutes(utcOffset);
    var date = new Date(time + offset * 60000);
    var hours = date.getUTCHours();
    var values = {
      yyyy: pad(date.getUTCFullYear(), 4),
      yy: pad(date.getUTCFullYear() % 100, 2),
      MMMM: MONTHS[date.getUTCMonth()],
      MMM: MONTHS[date.getUTCMonth()].slice(0, 3),
      MM: pad(date.getUTCMonth() + 1, 2),
      M: String(date.getUTCMonth() + 1),
      dd: pad(date.getUTCDate(), 2),
      d: String(date.getUTCDate()),
      EEEE: WEEKDAYS[date.getUTCDay()],
      EEE: WEEKDAYS[date.getUTCDay()].slice(0, 3),
      HH: pad(hours, 2),
      H: String(hours),
      hh: pad(hours % 12 === 0 ? 12 : hours % 12, 2),
      h: String(hours % 12 === 0 ? 12 : hours % 12),
      mm: pad(date.getUTCMinutes(), 2),
      ss: pad(date.getUTCSeconds(), 2),
      SSS: pad(date.getUTCMilliseconds(), 3),
      a: hours < 12 ? 'AM' : 'PM',
      XXX: formatOffset(offset),
    };
    return String(pattern === undefined ? 'yyyy-MM-dd' : pattern).replace(DATE_TOKENS, function (token) {
      return token.charAt(0) === "'" ? token.slice(1, -1) : values[token];
    });
  }

  return Object.freeze({
    get: get,
    toRow: toRow,
    flatten: flatten,
    countBy: countBy,
    groupBy: groupBy,
    sumBy: sumBy,
    entries: entries,
    parseDate: parseDate,
    formatDate: formatDate,
  });
})()
`;
