// Claim page: looks up a gateway from its QR code (canhbao-claim:GATEWAY:CODE) or id, shows the
// gateway, its site and its configuration status, can issue a new claim code, and lists the
// gateway's pending sensors for approval. Plain JS, no
// external resources. Credentials stay in this tab (sessionStorage) and go only to this origin.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var timer = null;
  var current = null;

  ['user', 'password'].forEach(function (k) {
    var v = sessionStorage.getItem('canhbao.' + k);
    if (v) { $(k).value = v; }
    $(k).addEventListener('change', function () { sessionStorage.setItem('canhbao.' + k, $(k).value); });
  });

  function say(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : '';
  }

  function headers() {
    var h = { 'Accept': 'application/json' };
    if ($('user').value) {
      var raw = $('user').value + ':' + $('password').value;
      h['Authorization'] = 'Basic ' + btoa(unescape(encodeURIComponent(raw)));
    }
    return h;
  }

  function api(method, path, body) {
    var h = headers();
    var init = { method: method, headers: h, credentials: 'omit' };
    if (body !== undefined) { h['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (r) {
      return r.text().then(function (t) {
        var body = null;
        try { body = t ? JSON.parse(t) : null; } catch (e) { body = null; }
        return { status: r.status, body: body };
      });
    });
  }

  function problemText(r) {
    if (r.status === 401) { return 'Sai tên đăng nhập hoặc mật khẩu / Wrong user or password'; }
    if (r.status === 403) { return 'Tài khoản không có quyền / Your role may not do this'; }
    if (r.status === 404) { return 'Không tìm thấy / Not found'; }
    return 'Lỗi / Error ' + r.status + (r.body && r.body.detail ? ': ' + r.body.detail : '');
  }

  // "canhbao-claim:gw-1:ABCD-EFGH-JKLM" -> {gateway, code}; "gw-1" -> {gateway}
  function parse(text) {
    var t = (text || '').trim();
    var m = /^canhbao-claim:([a-z0-9][a-z0-9-]{0,62}):([A-Za-z0-9-]+)$/.exec(t);
    if (m) { return { gateway: m[1], code: m[2] }; }
    m = /^([a-z0-9][a-z0-9-]{0,62})(?:[\s:]+([A-Za-z0-9-]{4,}))?$/.exec(t);
    if (m) { return { gateway: m[1], code: m[2] || '' }; }
    return null;
  }

  function show(gw, site, status) {
    $('result').hidden = false;
    $('gw-id').textContent = gw.id;
    $('gw-name').textContent = gw.name || gw.id;
    $('site-name').textContent = site ? site.name + ' (' + site.id + ')' : gw.siteId;
    $('site-place').textContent = site ? site.commune + ', ' + site.province : '';
    $('site-location').textContent = site ? site.lat.toFixed(4) + ', ' + site.lon.toFixed(4) : '';
    $('claim-code').textContent = current && current.code ? current.code : '—';
    var s = $('status');
    if (status === null) {
      s.textContent = 'Chưa có thông tin cấu hình / No configuration status available';
      s.className = 'status wait';
    } else if (status.lastAck && status.lastAck.accepted === false) {
      s.textContent = 'Thiết bị từ chối cấu hình v' + status.lastAck.version + ': ' +
        (status.lastAck.reason || '') + ' / The gateway refused its configuration';
      s.className = 'status wait';
    } else if (status.lastAck) {
      s.textContent = 'Đã kết nối, xác nhận cấu hình phiên bản ' + status.lastAck.version +
        ' / Online, configuration v' + status.lastAck.version + ' acknowledged';
      s.className = 'status ok';
    } else {
      s.textContent = 'Chờ thiết bị kết nối (cấu hình v' + status.currentVersion +
        ') / Waiting for the gateway to connect';
      s.className = 'status wait';
    }
    return status !== null && !!status.lastAck && status.lastAck.accepted !== false;
  }

  function lookup() {
    current = parse($('code').value);
    if (!current) { say('Mã không hợp lệ / Invalid code', true); return; }
    if (timer) { clearTimeout(timer); timer = null; }
    say('Đang tra cứu… / Looking up…');
    refresh();
  }

  function refresh() {
    var gwPath = '/api/v1/gateways/' + encodeURIComponent(current.gateway);
    api('GET', gwPath).then(function (g) {
      if (g.status !== 200) { say(problemText(g), true); return; }
      return Promise.all([
        api('GET', '/api/v1/sites/' + encodeURIComponent(g.body.siteId)),
        api('GET', gwPath + '/config-status')
      ]).then(function (rs) {
        var done = show(g.body, rs[0].status === 200 ? rs[0].body : null,
          rs[1].status === 200 ? rs[1].body : null);
        say('Cập nhật lúc / Updated at ' + new Date().toLocaleTimeString('vi-VN'));
        loadPending();
        if (!done) { timer = setTimeout(refresh, 5000); }
      });
    }).catch(function () { say('Mất kết nối mạng, thử lại… / Network error, retrying…', true); timer = setTimeout(refresh, 5000); });
  }

  // Pending sensors of this gateway (technician and admin only: a 403 hides the section).
  function loadPending() {
    if (!current) { return; }
    api('GET', '/api/v1/pending-sensors?gatewayId=' + encodeURIComponent(current.gateway)).then(function (r) {
      if (r.status !== 200) { $('pending').hidden = true; return; }
      $('pending').hidden = false;
      var list = $('pending-list');
      list.textContent = '';
      $('pending-empty').hidden = r.body.length > 0;
      r.body.forEach(function (p) { list.appendChild(pendingItem(p)); });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function pendingItem(p) {
    var li = el('li');
    li.appendChild(el('strong', null, p.sensorId));
    li.appendChild(el('span', 'meta', ' ' + p.quantity + ' (' + p.unit + '), ' + p.readings +
      ' lần đọc / readings, lần cuối / last ' + new Date(p.lastSeen).toLocaleString('vi-VN')));
    var label = el('label', null, 'Chu kỳ gửi (giây) ');
    label.appendChild(el('span', 'en', 'Reporting interval (s)'));
    var interval = el('input');
    interval.type = 'number'; interval.min = '1'; interval.max = '86400'; interval.value = '60';
    label.appendChild(interval);
    li.appendChild(label);
    var row = el('div', 'row');
    var ok = el('button', 'primary', 'Duyệt / Approve');
    var no = el('button', null, 'Bỏ qua / Ignore');
    ok.type = 'button'; no.type = 'button';
    var base = '/api/v1/pending-sensors/' + encodeURIComponent(p.gatewayId) + '/' + encodeURIComponent(p.sensorId);
    ok.addEventListener('click', function () {
      api('POST', base + '/approve', { expectedIntervalSeconds: parseInt(interval.value, 10) }).then(function (r) {
        if (r.status !== 201) { say(problemText(r), true); return; }
        say('Đã thêm cảm biến ' + p.sensorId + ' / Sensor added');
        loadPending();
      });
    });
    no.addEventListener('click', function () {
      api('POST', base + '/reject', {}).then(function (r) {
        if (r.status !== 200) { say(problemText(r), true); return; }
        say('Đã bỏ qua cảm biến ' + p.sensorId + ' / Sensor ignored');
        loadPending();
      });
    });
    row.appendChild(ok);
    row.appendChild(no);
    li.appendChild(row);
    return li;
  }

  function newCode() {
    if (!current) { return; }
    api('POST', '/api/v1/gateways/' + encodeURIComponent(current.gateway) + '/claim-code').then(function (r) {
      if (r.status !== 201 && r.status !== 200) { say(problemText(r), true); return; }
      $('new-code-out').hidden = false;
      $('new-code-text').textContent = r.body.claimCode;
      current.code = r.body.claimCode;
      $('claim-code').textContent = r.body.claimCode;
      if (r.body.qrSvg) {
        $('new-code-qr').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(r.body.qrSvg);
      }
      say('Đã cấp mã mới, hết hạn ' + new Date(r.body.expiresAt).toLocaleString('vi-VN') +
        ' / New code issued');
    });
  }

  function scan() {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices) {
      say('Trình duyệt không hỗ trợ quét QR, hãy nhập mã / This browser cannot scan; type the code', true);
      return;
    }
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    var video = $('camera');
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var stop = function () { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; };
      var tick = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) { stop(); $('code').value = codes[0].rawValue; lookup(); }
          else { requestAnimationFrame(tick); }
        }).catch(function () { requestAnimationFrame(tick); });
      };
      tick();
    }).catch(function () { say('Không mở được máy ảnh / Cannot open the camera', true); });
  }

  $('lookup').addEventListener('click', lookup);
  $('scan').addEventListener('click', scan);
  $('new-code').addEventListener('click', newCode);
  $('code').addEventListener('keydown', function (e) { if (e.key === 'Enter') { lookup(); } });
  var fromUrl = new URLSearchParams(location.search).get('code');
  if (fromUrl) { $('code').value = fromUrl; }
}());
