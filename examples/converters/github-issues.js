// One page of GitHub issues (GET /repos/{owner}/{repo}/issues?per_page=N).
// GitHub sends the page links only in the Link response header, so the page
// number and the page count are read from metadata.headers.link. Pull
// requests appear in this list too; they carry a pull_request key.
function convert(json, metadata) {
  const links = pageLinks(metadata.headers.link || '');
  let page = 1;
  if (links.next) page = links.next - 1;
  else if (links.prev) page = links.prev + 1;
  const issues = JSON.parse(json).map((issue) => ({
    number: issue.number,
    title: issue.title,
    state: issue.state,
    kind: issue.pull_request ? 'pull request' : 'issue',
    author: issue.user?.login ?? null,
    labels: (issue.labels || []).map((label) => (typeof label === 'string' ? label : label.name)).join(', '),
    comments: issue.comments,
    created: issue.created_at,
    url: issue.html_url,
  }));
  return { issues, page, lastPage: links.last ?? page };
}

// '<https://api.github.com/...&page=2>; rel="next", <...&page=5>; rel="last"' -> { next: 2, last: 5 }
function pageLinks(header) {
  const pages = {};
  for (const part of header.split(',')) {
    const link = /<([^>]*)>\s*;\s*rel="([^"]+)"/.exec(part);
    const number = link && /[?&]page=(\d+)/.exec(link[1]);
    if (number) pages[link[2]] = Number(number[1]);
  }
  return pages;
}
